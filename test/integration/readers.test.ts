// Issue 9, readers that never break (docs/contract.md, "History"): malformed journals (wrong types,
// garbage, a FIFO, a symlink, a huge file) and malformed rows are set aside and named in one
// warning line, and everything else is shown; liveness survives pid reuse; prune keeps running runs.
// Journals are written here as the front writes them (docs/front-protocol.md), as real files.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { processStartTime } from '../../src/record/liveness';
import { JOURNAL_MAX_BYTES } from '../../src/record/spool-reader';
import { type RunResult, runCli, testEnv } from '../helpers/shim';

const ROOT = fs.mkdtempSync(path.join(os.tmpdir(), 'gomod-shim-readers-'));
process.once('exit', () => fs.rmSync(ROOT, { recursive: true, force: true }));
const scratch = (prefix: string) => fs.mkdtempSync(path.join(ROOT, prefix));
const CLI_BOUND_MS = 30_000;

/** A deterministic generator (mulberry32): the same garbage on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function start(n: number, extra: Record<string, unknown> = {}) {
  return {
    uuid: `run-${n}`,
    startedAt: new Date(Date.UTC(2026, 10, 1, 8, 0, n)).toISOString(),
    cwd: `/work/m${n}`,
    module: `example.com/m${n}`,
    argv: ['mod', 'download', `-tag=${n}`],
    subcommand: 'mod',
    supervisorPid: 2 ** 22 + 7, // above pid_max's default: never alive
    supervisorStartTime: 1,
    goPid: null,
    realGo: '/usr/local/go/bin/go',
    caller: 'bash',
    ...extra,
  };
}
const end = { endedAt: '2026-11-01T08:01:00.000Z', durationMs: 1000, exitCode: 0, signal: null, hung: false };
const journal = (s: object, e: object | null = end) => `${JSON.stringify({ start: s })}\n${e ? `${JSON.stringify({ end: e })}\n` : ''}`;

/** Garbage of every kind a broken disk, another version or a hand edit leaves. */
function garbage(rand: () => number): string[] {
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(rand() * 256))).toString('latin1');
  const base = start(999);
  return [
    journal({ ...base, argv: [{ a: 1 }] }),
    journal({ ...base, supervisorPid: 'x' }),
    journal({ ...base, startedAt: 42 }),
    journal({ ...base, uuid: null }),
    journal({ ...base, cwd: ['a'] }),
    `${JSON.stringify({ start: [] })}\n`,
    'null\n42\n"text"\n',
    `${bytes(200)}\n`,
    `${bytes(3000)}\n${bytes(50)}\n`,
    `{"start":${JSON.stringify(base).slice(0, 30)}\n`,
    ...Array.from({ length: 10 }, () => `${bytes(Math.floor(rand() * 500))}\n`),
  ];
}

async function cli(args: string[], env: NodeJS.ProcessEnv): Promise<RunResult> {
  const r = await runCli(args, { env, timeoutMs: CLI_BOUND_MS });
  assert.doesNotMatch(r.stderr.toString(), /^\s+at |RangeError|TypeError|SyntaxError/m, `no stack trace: ${r.stderr}`);
  return r;
}

const warningLines = (r: RunResult) =>
  r.stderr
    .toString()
    .split('\n')
    .filter((l) => l.startsWith('gomod-shim: warning:'));

describe('readers never break', { concurrency: true }, () => {
  test('50 runs with random garbage journals beside them: all 50 listed, the garbage named in one warning', async () => {
    const dir = scratch('garbage-');
    const env = testEnv(dir);
    const spool = `${env.GOMODSHIM_DB}-spool`;
    fs.mkdirSync(spool, { recursive: true, mode: 0o700 });
    const rand = random(9);
    for (let n = 0; n < 50; n++) fs.writeFileSync(path.join(spool, `run-${n}.jsonl`), journal(start(n)), { mode: 0o600 });
    const bad = garbage(rand);
    for (const [i, text] of bad.entries()) fs.writeFileSync(path.join(spool, `bad-${i}.jsonl`), text, { mode: 0o600 });
    execFileSync('mkfifo', [path.join(spool, 'fifo.jsonl')]);
    fs.symlinkSync('/etc/passwd', path.join(spool, 'link.jsonl'));
    fs.mkdirSync(path.join(spool, 'folder.jsonl'));
    // A huge journal (sparse: costs no disk) is never read whole.
    fs.writeFileSync(path.join(spool, 'huge.jsonl'), journal(start(998)));
    fs.truncateSync(path.join(spool, 'huge.jsonl'), 300 * 1024 * 1024);
    const setAsideCount = bad.length + 4;

    const r = await cli(['history', '--all', '--json', '--limit', '1000'], env);
    assert.equal(r.code, 0, r.stderr.toString());
    const items = JSON.parse(r.stdout.toString()) as { uuid: string }[];
    assert.deepEqual(items.map((i) => i.uuid).sort(), Array.from({ length: 50 }, (_, n) => `run-${n}`).sort());
    const warnings = warningLines(r);
    assert.equal(warnings.length, 1, r.stderr.toString());
    assert.match(warnings[0], new RegExp(`set aside ${setAsideCount} malformed journals moved to \\S+/quarantine: `));
    for (const name of ['bad-0.jsonl', 'fifo.jsonl', 'link.jsonl', 'huge.jsonl']) assert.ok(warnings[0].includes(name), name);
    assert.equal(fs.readdirSync(path.join(spool, 'quarantine')).length, setAsideCount);
    assert.ok(JOURNAL_MAX_BYTES < fs.statSync(path.join(spool, 'quarantine', 'huge.jsonl')).size);

    for (const args of [
      ['history', '--all'],
      ['stats', '--all'],
      ['show', '1'],
      ['show', '1', '--markdown'],
    ]) {
      const again = await cli(args, env);
      assert.equal(again.code, 0, `${args.join(' ')}: ${again.stderr}`);
      assert.deepEqual(warningLines(again), [], `${args.join(' ')}: set aside once, named once`);
    }
  });

  test('a malformed row (argv not a list of strings, a text duration, a bad snapshot): set aside, the rest shown', async () => {
    const dir = scratch('bad-rows-');
    const env = testEnv(dir);
    const spool = `${env.GOMODSHIM_DB}-spool`;
    fs.mkdirSync(spool, { recursive: true, mode: 0o700 });
    for (let n = 0; n < 4; n++) fs.writeFileSync(path.join(spool, `run-${n}.jsonl`), journal(start(n)));
    assert.equal((await cli(['history', '--all', '--json'], env)).code, 0);
    const db = new Database(env.GOMODSHIM_DB as string);
    db.prepare(`UPDATE runs SET argv = '[{"a":1}]' WHERE uuid = 'run-0'`).run();
    db.prepare(`UPDATE runs SET duration_ms = 'slow' WHERE uuid = 'run-1'`).run();
    db.prepare(`UPDATE runs SET hung = 1 WHERE uuid = 'run-2'`).run();
    const id2 = (db.prepare(`SELECT id FROM runs WHERE uuid = 'run-2'`).get() as { id: number }).id;
    db.prepare(`INSERT INTO snapshots (run_id, taken_at, json) VALUES (?, '2026-11-01', '{"diagnosis": 7')`).run(id2);
    db.close();

    const r = await cli(['history', '--all', '--json'], env);
    assert.equal(r.code, 0, r.stderr.toString());
    assert.deepEqual((JSON.parse(r.stdout.toString()) as { uuid: string }[]).map((i) => i.uuid).sort(), ['run-2', 'run-3']);
    assert.equal(warningLines(r).length, 1);
    assert.match(warningLines(r)[0], /run #\d+ \(argv is not a JSON list of strings\)/);
    assert.match(warningLines(r)[0], /run #\d+ \(duration_ms is not a number\)/);
    for (const args of [['stats', '--all'], ['stats', '--all', '--json'], ['history']]) assert.equal((await cli(args, env)).code, 0, args.join(' '));
    const shown = await cli(['show', String(id2)], env);
    assert.equal(shown.code, 0, shown.stderr.toString());
    assert.match(warningLines(shown)[0], /its snapshot is malformed/);
  });

  test('liveness: a reused pid (wrong start time) is lost, the same process is running; prune keeps a running run', async () => {
    const dir = scratch('liveness-');
    const env = testEnv(dir);
    const spool = `${env.GOMODSHIM_DB}-spool`;
    fs.mkdirSync(spool, { recursive: true, mode: 0o700 });
    const ticks = processStartTime(process.pid);
    assert.ok(ticks && ticks > 0);
    const alive = start(1, { uuid: 'alive', supervisorPid: process.pid, supervisorStartTime: ticks });
    const reused = start(2, { uuid: 'reused', supervisorPid: process.pid, supervisorStartTime: ticks + 1 });
    fs.writeFileSync(path.join(spool, 'alive.jsonl'), journal(alive, null));
    fs.writeFileSync(path.join(spool, 'reused.jsonl'), journal(reused, null));
    const r = await cli(['history', '--all', '--json'], env);
    const status = Object.fromEntries((JSON.parse(r.stdout.toString()) as { uuid: string; status: string }[]).map((i) => [i.uuid, i.status]));
    assert.deepEqual(status, { alive: 'running', reused: 'lost' });

    // Promoted into the database (as a run past its first second is), then pruned: it stays.
    const db = new Database(env.GOMODSHIM_DB as string);
    db.prepare(`UPDATE runs SET supervisor_pid = ?, supervisor_start_time = ? WHERE uuid = 'alive'`).run(process.pid, ticks);
    db.close();
    const pruned = await cli(['prune', '--older-than', '1d'], env);
    assert.equal(pruned.code, 0, pruned.stderr.toString());
    const left = (JSON.parse((await cli(['history', '--all', '--json'], env)).stdout.toString()) as { uuid: string }[]).map((i) => i.uuid);
    assert.deepEqual(left, ['alive'], 'the lost run is pruned, the running one kept');
  });
});
