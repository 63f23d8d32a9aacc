// The run journal: parsing what a crash may leave, and writing it on a real folder.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { ensureOwnDir } from '../../src/files/own-dir';
import type { RunEnd, RunStart } from '../../src/record/run-record';
import { appendSpool, parseSpool, spoolFile } from '../../src/record/spool';
import { readSpoolDir } from '../../src/record/spool-reader';

const START: RunStart = {
  uuid: '0f1e2d3c-0000-4000-8000-000000000001',
  startedAt: '2026-11-01T08:00:00.000Z',
  cwd: '/work/app',
  module: 'example.com/app',
  argv: ['mod', 'download'],
  subcommand: 'mod',
  supervisorPid: 4242,
  goPid: 4243,
  realGo: '/usr/bin/go',
};
const END: RunEnd = { endedAt: '2026-11-01T08:00:01.500Z', durationMs: 1500, exitCode: 0, signal: null, hung: false };

const line = (entry: object) => `${JSON.stringify(entry)}\n`;

test('parseSpool: a start, then an end', () => {
  assert.deepEqual(parseSpool(line({ start: START }) + line({ end: END })), { start: START, end: END });
  assert.deepEqual(parseSpool(line({ start: START })), { start: START, end: null });
});

test('parseSpool: a torn last line (a crash mid-write) is ignored', () => {
  const torn = line({ end: END }).slice(0, 25);
  assert.deepEqual(parseSpool(line({ start: START }) + torn), { start: START, end: null });
  assert.deepEqual(parseSpool(line({ start: START }).slice(0, 40)), { start: null, end: null });
  assert.deepEqual(parseSpool(''), { start: null, end: null });
  assert.deepEqual(parseSpool('\n\n'), { start: null, end: null });
});

test('parseSpool: a start or end missing what the database needs is read as absent', () => {
  const { uuid: _, ...noUuid } = START;
  const { durationMs: __, ...noDuration } = END;
  assert.deepEqual(parseSpool(line({ start: noUuid }) + line({ end: END })), { start: null, end: END });
  assert.deepEqual(parseSpool(line({ start: START }) + line({ end: noDuration })), { start: START, end: null });
  assert.deepEqual(parseSpool(line({ start: { ...START, argv: 'mod download' } })), { start: null, end: null });
  assert.deepEqual(parseSpool('null\n42\n"text"\n'), { start: null, end: null });
});

function tempSpool(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gomod-shim-spool-'));
  process.once('exit', () => fs.rmSync(root, { recursive: true, force: true }));
  return path.join(root, 'state', 'history.db-spool');
}

test('appendSpool: the start creates a private folder and file, the end completes it', () => {
  const dir = tempSpool();
  appendSpool(dir, START.uuid, { start: START });
  assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
  assert.equal(fs.statSync(path.dirname(dir)).mode & 0o777, 0o700);
  assert.equal(fs.statSync(spoolFile(dir, START.uuid)).mode & 0o777, 0o600);
  appendSpool(dir, START.uuid, { end: END });
  assert.deepEqual(readSpoolDir(dir), { runs: [{ file: spoolFile(dir, START.uuid), start: START, end: END }], setAside: [] });
});

test('appendSpool: an end without its start is refused and leaves no file', () => {
  const dir = tempSpool();
  fs.mkdirSync(dir, { recursive: true });
  assert.throws(() => appendSpool(dir, START.uuid, { end: END }), { code: 'ENOENT' });
  assert.deepEqual(fs.readdirSync(dir), []);
});

test('readSpoolDir: a fresh torn journal waits, other files are not ours, a bad journal is set aside', () => {
  const dir = tempSpool();
  appendSpool(dir, START.uuid, { start: START });
  fs.writeFileSync(path.join(dir, 'torn.jsonl'), '{"start":{"uu');
  fs.writeFileSync(path.join(dir, 'notes.txt'), line({ start: START }));
  fs.writeFileSync(path.join(dir, 'bad.jsonl'), line({ start: { ...START, uuid: 'other', argv: [{ a: 1 }] } }));
  const reading = readSpoolDir(dir);
  assert.deepEqual(
    reading.runs.map((r) => r.start.uuid),
    [START.uuid],
  );
  assert.deepEqual(reading.setAside, ['bad.jsonl (no valid start line)']);
  assert.deepEqual(fs.readdirSync(path.join(dir, 'quarantine')), ['bad.jsonl']);
  assert.ok(fs.existsSync(path.join(dir, 'torn.jsonl')), 'a torn journal younger than the grace period may still be written');
  assert.deepEqual(readSpoolDir(path.join(dir, 'missing')), { runs: [], setAside: [] });
});

test('ensureOwnDir: nested private folders; under /proc it fails at once with the real reason', () => {
  const root = path.dirname(tempSpool());
  const deep = path.join(root, 'a', 'b', 'c');
  ensureOwnDir(deep);
  ensureOwnDir(deep); // already there: fine
  for (const d of [path.join(root, 'a'), path.join(root, 'a', 'b'), deep]) assert.equal(fs.statSync(d).mode & 0o777, 0o700, d);
  // fs.mkdirSync({ recursive: true }) never returns here (see src/files/own-dir.ts).
  assert.throws(
    () => ensureOwnDir('/proc/gomod-shim-test/state'),
    (err: NodeJS.ErrnoException) => err.code !== undefined,
  );
  assert.throws(
    () => ensureOwnDir('/proc/self/gomod-shim'),
    (err: NodeJS.ErrnoException) => err.code !== undefined,
  );
  fs.writeFileSync(path.join(root, 'file'), '');
  assert.throws(() => ensureOwnDir(path.join(root, 'file', 'sub')), { code: 'ENOTDIR' });
});
