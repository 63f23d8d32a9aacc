// The run journal as the compiled front writes it (test/fixtures/journal/front-written.jsonl was
// written by front/ for a real `go mod download`), read by the TypeScript side: the fields of
// docs/front-protocol.md, and a real database folding it in. The front's own tests check the writing.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { parseSpool } from '../../src/record/spool';
import { HistoryStore } from '../../src/store/store';
import { REPO, tempDir } from '../helpers/shim';

const FIXTURE = path.join(REPO, 'test', 'fixtures', 'journal', 'front-written.jsonl');

test('a journal written by the front parses with every field of docs/front-protocol.md', () => {
  const { start, end } = parseSpool(fs.readFileSync(FIXTURE, 'utf8'));
  assert.ok(start && end, 'a start and an end');
  assert.match(start.uuid, /^[0-9a-z]+-[0-9a-z]+-[0-9a-z]{8}$/);
  assert.ok(!Number.isNaN(Date.parse(start.startedAt)) && start.startedAt.endsWith('Z'));
  assert.deepEqual(
    { argv: start.argv, subcommand: start.subcommand, module: start.module, caller: start.caller },
    { argv: ['mod', 'download', 'example.com/x@v1.0.0'], subcommand: 'mod', module: 'example.com/e2e', caller: 'bash' },
  );
  for (const n of [start.supervisorPid, start.supervisorStartTime, start.goPid]) assert.ok(Number.isInteger(n) && (n as number) > 0);
  assert.deepEqual({ exitCode: end.exitCode, signal: end.signal, hung: end.hung }, { exitCode: 1, signal: null, hung: false });
  assert.equal(Date.parse(end.endedAt) - Date.parse(start.startedAt) >= end.durationMs - 5, true, 'the duration fits the two times');
});

test("the database folds a front-written journal in: the caller and the front's start time land in their columns", () => {
  const dir = tempDir();
  const db = path.join(dir, 'history.db');
  fs.mkdirSync(`${db}-spool`, { mode: 0o700 });
  fs.copyFileSync(FIXTURE, path.join(`${db}-spool`, 'mx5tvt8n-bxf-5181zk68.jsonl'));
  const store = new HistoryStore(db);
  store.ingestAll();
  const [item] = store.list({ hungOnly: false, limit: 10 });
  store.close();
  assert.equal(item.exit_code, 1);
  assert.equal(item.status, 'finished');
  const raw = new Database(db, { readonly: true });
  const row = raw.prepare('SELECT caller, supervisor_start_time, supervisor_pid FROM runs').get() as Record<string, unknown>;
  raw.close();
  assert.deepEqual(row, { caller: 'bash', supervisor_start_time: 131785, supervisor_pid: 15459 });
  assert.deepEqual(fs.readdirSync(`${db}-spool`), [], 'a finished journal is removed once folded in');
});
