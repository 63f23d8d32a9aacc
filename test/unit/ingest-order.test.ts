// Journals folded in together get row ids in the order their runs started, whatever order the
// folder lists them in (issue 11: ids jumped and were not in time order).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { spoolDirFor } from '../../src/paths';
import type { RunStart } from '../../src/record/run-record';
import { appendSpool, type SpooledRun } from '../../src/record/spool';
import { inStartOrder } from '../../src/store/ingest';
import { HistoryStore } from '../../src/store/store';

const BASE_MS = Date.parse('2026-11-01T08:00:00.000Z');

function start(uuid: string, offsetMs: number): RunStart {
  return {
    uuid,
    startedAt: new Date(BASE_MS + offsetMs).toISOString(),
    cwd: '/work/app',
    module: 'example.com/app',
    argv: ['list', '-m', `tag${offsetMs}`],
    subcommand: 'list',
    supervisorPid: 4242,
    goPid: 4243,
    realGo: '/usr/bin/go',
  };
}

test('inStartOrder: oldest start first, equal starts by uuid', () => {
  const runs: SpooledRun[] = [start('c', 2000), start('b', 1000), start('a', 2000), start('d', 0)].map((s) => ({ file: s.uuid, start: s, end: null }));
  assert.deepEqual(
    inStartOrder(runs).map((r) => r.start.uuid),
    ['d', 'b', 'a', 'c'],
  );
});

test('ingestAll: ids follow start order for journals folded in at once', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gomod-shim-ingest-'));
  process.once('exit', () => fs.rmSync(root, { recursive: true, force: true }));
  const dbPath = path.join(root, 'history.db');
  const spool = spoolDirFor(dbPath);
  // Twelve runs written in an order unrelated to their start times (random uuids: the folder's
  // listing order is unrelated too).
  const offsets = [7, 2, 11, 0, 5, 9, 1, 10, 3, 8, 6, 4].map((n) => n * 1000);
  for (const offset of offsets) {
    const s = start(randomUUID(), offset);
    appendSpool(spool, s.uuid, { start: s });
    appendSpool(spool, s.uuid, { end: { endedAt: new Date(BASE_MS + offset + 500).toISOString(), durationMs: 500, exitCode: 0, signal: null, hung: false } });
  }
  const store = new HistoryStore(dbPath);
  try {
    store.ingestAll();
    const rows = store.list({ hungOnly: false, limit: 100 }).sort((a, b) => a.id - b.id);
    assert.equal(rows.length, offsets.length);
    const starts = rows.map((r) => r.started_at);
    assert.deepEqual(starts, [...starts].sort(), 'ids in start order');
    assert.deepEqual(fs.readdirSync(spool), [], 'finished journals are removed');
  } finally {
    store.close();
  }
});
