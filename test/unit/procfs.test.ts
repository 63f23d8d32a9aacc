// The procfs parsers on texts captured from a real /proc (test/fixtures/procfs/README.md).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseCmdline, parseIo, parseStat } from '../../src/monitor/procfs';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../../../test/fixtures/procfs', name), 'latin1');

test('parseStat: a comm with spaces and parentheses', () => {
  assert.deepEqual(parseStat(fixture('stat-comm-with-parens.txt')), {
    pid: 31226,
    comm: 'go (x) y',
    state: 'R',
    ppid: 31225,
    pgrp: 31222,
    session: 3699,
    cpuTicks: 16 + 60, // utime + stime, fields 14 and 15
    reapedTicks: 0, // cutime + cstime, fields 16 and 17
    startTime: 149955, // field 22
  });
});

test('parseStat: a comm that looks like the fields after it', () => {
  assert.deepEqual(parseStat(fixture('stat-comm-like-fields.txt')), {
    pid: 17068,
    comm: 'x) S 1 (y',
    state: 'S',
    ppid: 17067,
    pgrp: 17056,
    session: 32349,
    cpuTicks: 0,
    reapedTicks: 0,
    startTime: 188883,
  });
});

test('parseStat: the live stat of this process agrees with what node knows', () => {
  const own = parseStat(fs.readFileSync('/proc/self/stat', 'latin1'));
  assert.equal(own?.pid, process.pid);
  assert.equal(own?.ppid, process.ppid);
  assert.equal(own?.state, 'R');
});

test('parseStat: the CPU of a child the process has reaped is its reapedTicks', () => {
  // A subshell that keeps a core busy for a while, reaped by the shell, which then prints its own stat.
  const r = spawnSync('/bin/sh', ['-c', 'i=0; (while [ $i -lt 300000 ]; do i=$((i+1)); done); cat /proc/$$/stat'], { encoding: 'latin1' });
  const stat = parseStat(r.stdout);
  assert.ok(stat !== null, r.stdout);
  assert.ok((stat.reapedTicks ?? 0) > 0, `reaped ${stat.reapedTicks} ticks`);
});

test('parseStat: truncated or foreign text is refused', () => {
  for (const bad of ['', '123', '123 (go', '123 (go) R 1 2 3', 'garbage) (']) assert.equal(parseStat(bad), null, JSON.stringify(bad));
});

test('parseIo: counters beyond 32 bits, other lines ignored', () => {
  assert.deepEqual(parseIo(fixture('io.txt')), { rchar: 6976, wchar: 29104250880 });
  assert.equal(parseIo('syscr: 10\n'), null);
  assert.equal(parseIo(''), null);
});

test('parseCmdline: NUL-separated, empty arguments kept', () => {
  assert.deepEqual(parseCmdline('go\0mod\0download\0'), ['go', 'mod', 'download']);
  assert.deepEqual(parseCmdline('sh\0-c\0\0'), ['sh', '-c', '']);
  assert.deepEqual(parseCmdline(''), []);
});
