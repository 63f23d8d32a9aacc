// A run's hang limit and its reason, against a real history database: which past runs an auto
// limit learns from (same command, same module, finished with exit 0), and what it says when
// it cannot learn.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { resolveConfig } from '../../src/config';
import type { RunEnd, RunStart } from '../../src/record/run-record';
import { openDatabase } from '../../src/store/database';
import { completeRun, insertRunStart } from '../../src/store/runs';
import { HistoryStore } from '../../src/store/store';
import { HangLimit } from '../../src/watcher/hang-limit';

const MODULE = 'example.com/app';

function tempDb(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gomod-shim-hang-limit-'));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'history.db');
}

const table = (hangAfter: unknown) =>
  resolveConfig({ HOME: '/h' }, { path: '/cfg/config.json', found: true, settings: { hang_after: hangAfter }, problem: null }).config.hangAfter;

let n = 0;
/** One past run, as the supervisor records it. */
function addRun(dbPath: string, argv: string[], end: Partial<RunEnd> & { longestIdleMs?: number }, start: Partial<RunStart> = {}): void {
  const db = openDatabase(dbPath);
  try {
    const uuid = `run-${++n}`;
    const startedAt = new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString();
    insertRunStart(db, {
      uuid,
      startedAt,
      cwd: '/src/app',
      module: MODULE,
      argv,
      subcommand: argv[0],
      supervisorPid: 1,
      goPid: 2,
      realGo: '/usr/bin/go',
      ...start,
    });
    if (end.endedAt !== 'never') completeRun(db, uuid, { endedAt: startedAt, durationMs: 5000, exitCode: 0, signal: null, hung: false, ...end });
  } finally {
    db.close();
  }
}

function limitAfterLearning(dbPath: string, hangAfter: unknown, argv: string[], module: string | null = MODULE): HangLimit {
  const limit = new HangLimit(table(hangAfter), argv, module);
  const store = new HistoryStore(dbPath);
  try {
    limit.learn(store);
  } finally {
    store.close();
  }
  return limit;
}

test('a fixed limit says where it came from, at once', () => {
  const limit = new HangLimit(table({ mod: '45s' }), ['mod', 'download'], MODULE);
  assert.deepEqual([limit.ms, limit.reason], [45_000, 'config file: mod=45s']);
  limit.learn(null);
  limit.settle();
  assert.deepEqual([limit.ms, limit.reason], [45_000, 'config file: mod=45s'], 'a fixed limit never changes');
});

test('auto: the fallback until the history is read, and why it stayed if it never was', () => {
  const early = new HangLimit(table('auto'), ['mod', 'download'], MODULE);
  assert.deepEqual([early.ms, early.reason], [60_000, 'config file: hang_after=auto — default 60s until the history is read']);
  early.settle();
  assert.equal(early.reason, 'config file: hang_after=auto — default 60s (the run ended before the history was read)');
  const broken = new HangLimit(table({ mod: 'auto', default: '90s' }), ['mod', 'download'], MODULE);
  assert.equal(broken.ms, 90_000, "the table's own default is the fallback");
  broken.learn(null);
  assert.deepEqual([broken.ms, broken.reason], [90_000, 'config file: mod=auto — config file: hang_after=90s (the history database is unusable)']);
});

test('auto learns from successful runs of the same command in the same module only', () => {
  const db = tempDb();
  const download = ['mod', 'download'];
  for (const ms of [1500, 2000, 1000, 2500]) addRun(db, download, { longestIdleMs: ms });
  // None of these count: failed, killed, still running, another module, another command, outside any module.
  addRun(db, download, { longestIdleMs: 50_000, exitCode: 1 });
  addRun(db, download, { longestIdleMs: 50_000, exitCode: null, signal: 'SIGKILL' });
  addRun(db, download, { endedAt: 'never' });
  addRun(db, download, { longestIdleMs: 50_000 }, { module: 'example.com/other' });
  addRun(db, ['mod', 'tidy'], { longestIdleMs: 50_000 });
  addRun(db, download, { longestIdleMs: 50_000 }, { module: null });

  const four = limitAfterLearning(db, 'auto', download);
  assert.equal(four.ms, 60_000);
  assert.equal(four.reason, 'config file: hang_after=auto — default 60s until 5 successful `go mod download` runs in example.com/app are recorded (4 so far)');

  // A run called hung in observe mode that then succeeded is slow-but-working: it counts.
  addRun(db, download, { longestIdleMs: 3000, hung: true });
  const five = limitAfterLearning(db, 'auto', download);
  assert.equal(five.ms, 14_000);
  assert.equal(
    five.reason,
    'config file: hang_after=auto — 3× the longest quiet spell of 5 successful `go mod download` runs in example.com/app (3s) + 5s = 14s',
  );
  assert.equal(limitAfterLearning(db, 'auto', download, null).ms, 60_000, 'one run outside any module is not enough');
});

test('the lookup is served by an index, whatever the history holds', () => {
  const dbPath = tempDb();
  addRun(dbPath, ['mod', 'download'], { longestIdleMs: 1000 });
  const db = openDatabase(dbPath);
  try {
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT longest_idle_ms FROM runs WHERE module IS ? AND command = ? AND status = 'finished'
         AND exit_code = 0 AND signal IS NULL AND longest_idle_ms IS NOT NULL ORDER BY started_at DESC LIMIT 50`,
      )
      .all(MODULE, 'mod download') as { detail: string }[];
    assert.match(plan.map((p) => p.detail).join('\n'), /USING INDEX runs_by_module_command \(module=\? AND command=\?\)/);
    assert.doesNotMatch(plan.map((p) => p.detail).join('\n'), /TEMP B-TREE/, 'sorted by the index, not afterwards');
  } finally {
    db.close();
  }
});
