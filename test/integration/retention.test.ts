// Retention on real databases: the cap that keeps the newest snapshots whole (run by the store when
// a real hang is saved), and `gomod-shim prune --older-than`. Bulk snapshots are copies of a real
// one, put in through SQL.

import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { openDatabase } from '../../src/store/database';
import { CAP_BATCH, capSnapshots, TOP_GOROUTINES_KEPT, WHOLE_SNAPSHOTS_KEPT } from '../../src/store/retention';
import { holdExclusiveLock } from '../helpers/database';
import { type ModuleProxy, startModuleProxy } from '../helpers/module-proxy';
import { hangThroughShim, type RealHang } from '../helpers/real-hang';
import { historyJson, runCli, runShim, tempDir, testEnv, writeModule } from '../helpers/shim';

const ROOT = tempDir('gomod-shim-retention-');
const ENV = testEnv(path.join(ROOT, 'home'));
const DB = ENV.GOMODSHIM_DB!;
const APP = writeModule(path.join(ROOT, 'app'), { 'go.mod': 'module example.com/retention/app\n\ngo 1.19\n' });
const DAY_MS = 86_400_000;

let proxy: ModuleProxy;
let first: RealHang;
let template: string;

function sql<T>(work: (db: Database.Database) => T): T {
  const db = new Database(DB, { timeout: 5000 });
  try {
    return work(db);
  } finally {
    db.close();
  }
}

const count = (query: string, ...params: unknown[]) =>
  sql(
    (db) =>
      db
        .prepare(query)
        .pluck()
        .get(...params) as number,
  );

/** Hung runs with copies of the real snapshot, started (and taken) `daysAgo(i)` days back. */
function insertHungRuns(tag: string, n: number, daysAgo: (i: number) => number): number[] {
  return sql((db) =>
    db.transaction(() => {
      const ids: number[] = [];
      for (let i = 0; i < n; i++) {
        const at = new Date(Date.now() - daysAgo(i) * DAY_MS).toISOString();
        const { lastInsertRowid } = db
          .prepare(
            `INSERT INTO runs (uuid, status, started_at, ended_at, duration_ms, cwd, module, subcommand, argv, exit_code, hung, cause, summary)
             VALUES (?, 'finished', ?, ?, 3000, ?, 'example.com/retention/app', 'mod', '["mod","download"]', 2, 1, 'proxy-unresponsive', 'a copy')`,
          )
          .run(`${tag}-${i}`, at, at, APP);
        const json = JSON.parse(template) as { taken_at: string };
        json.taken_at = at;
        db.prepare('INSERT INTO snapshots (run_id, taken_at, json) VALUES (?, ?, ?)').run(lastInsertRowid, at, JSON.stringify(json));
        ids.push(Number(lastInsertRowid));
      }
      return ids;
    })(),
  );
}

const hasRaw = (runId: number) => count(`SELECT json_extract(json, '$.goroutines.raw') IS NOT NULL FROM snapshots WHERE run_id = ?`, runId) === 1;

async function cli(args: string[], code = 0): Promise<string> {
  const r = await runCli(args, { env: ENV });
  assert.equal(r.code, code, `${args.join(' ')}: ${r.stderr.toString()}`);
  return r.stdout.toString() + r.stderr.toString();
}

before(async () => {
  proxy = await startModuleProxy([], { silent: true });
  first = await hangThroughShim(APP, { ...ENV, GOPROXY: proxy.url });
  template = sql((db) => db.prepare('SELECT json FROM snapshots WHERE run_id = ?').pluck().get(first.id) as string);
  assert.ok(JSON.parse(template).goroutines.raw, 'the real snapshot has its dump');
});

after(async () => {
  await proxy?.close();
});

test('the cap: a real hang saved over the limit drops the raw dumps of the oldest snapshots, and only theirs', { timeout: 60_000 }, async () => {
  const over = 20; // under one save's batch, so this one save trims them all
  assert.ok(over + 2 <= CAP_BATCH);
  const old = insertHungRuns('old', WHOLE_SNAPSHOTS_KEPT + over, (i) => 30 - i / 100); // oldest first
  const runsBefore = count('SELECT COUNT(*) FROM runs');
  const second = await hangThroughShim(APP, { ...ENV, GOPROXY: proxy.url });

  // 1 real + 220 copies + 1 real = 222 whole: the 22 oldest by taken_at (copies dated back 30
  // days) lose their dumps; the rest of the copies and both real hangs (taken today) stay whole.
  assert.equal(count('SELECT COUNT(*) FROM snapshots WHERE dump_dropped_at IS NULL'), WHOLE_SNAPSHOTS_KEPT);
  assert.equal(count('SELECT COUNT(*) FROM runs'), runsBefore + 1, 'every run row stays');
  for (const id of old.slice(0, over + 2)) assert.equal(hasRaw(id), false, `#${id} lost its dump`);
  for (const id of old.slice(over + 2)) assert.equal(hasRaw(id), true, `#${id} kept its dump`);
  assert.equal(hasRaw(first.id), true);
  assert.equal(hasRaw(second.id), true);

  // A trimmed snapshot keeps its diagnosis and its top goroutines, and says what it lost.
  const kept = JSON.parse(sql((db) => db.prepare('SELECT json FROM snapshots WHERE run_id = ?').pluck().get(old[0]) as string));
  const original = JSON.parse(template);
  assert.deepEqual(kept.diagnosis, original.diagnosis);
  assert.deepEqual(kept.network, original.network);
  assert.ok(kept.goroutines.parsed.length > 0 && kept.goroutines.parsed.length <= TOP_GOROUTINES_KEPT);
  assert.equal(kept.retention.goroutines_total, original.goroutines.parsed.length);

  // What people see of it.
  assert.match(await cli(['show', String(old[0])]), /more goroutines \(runtime internals\); the full dump was dropped on \d{4}-\d\d-\d\d \(retention cap\)/);
  assert.match(await cli(['show', String(old[0]), '--raw'], 1), /goroutine dump was dropped on \d{4}-\d\d-\d\d by the retention cap/);
  const markdown = await cli(['show', String(old[0]), '--markdown']);
  assert.match(markdown, /### Diagnosis/);
  assert.match(markdown, /dump of run #\d+ was dropped on .* by the retention cap/);
  assert.doesNotMatch(markdown, /<summary>Full goroutine dump/);
});

test('prune --dry-run reports the cap backlog and removes nothing; prune trims all of it, past one batch', async () => {
  const backlog = CAP_BATCH + 15;
  insertHungRuns('backlog', backlog, (i) => 20 - i / 100);
  const before = { runs: count('SELECT COUNT(*) FROM runs'), whole: count('SELECT COUNT(*) FROM snapshots WHERE dump_dropped_at IS NULL') };
  assert.equal(before.whole, WHOLE_SNAPSHOTS_KEPT + backlog);

  const dry = await cli(['prune', '--older-than', '3650d', '--dry-run']);
  assert.match(dry, /^No runs started before .*: nothing to remove\.$/m);
  assert.match(
    dry,
    new RegExp(`^Would drop the raw goroutine dump of ${backlog} older snapshots \\(the newest ${WHOLE_SNAPSHOTS_KEPT} stay whole\\)\\.$`, 'm'),
  );
  assert.match(dry, /^Dry run: nothing was removed\.$/m);
  assert.equal(count('SELECT COUNT(*) FROM snapshots WHERE dump_dropped_at IS NULL'), before.whole);

  const done = await cli(['prune', '--older-than', '3650d']);
  assert.match(done, new RegExp(`^Dropped the raw goroutine dump of ${backlog} older snapshots`, 'm'));
  assert.match(done, /^Database: .+ → .+ \(vacuumed\)\.$/m);
  assert.equal(count('SELECT COUNT(*) FROM snapshots WHERE dump_dropped_at IS NULL'), WHOLE_SNAPSHOTS_KEPT);
  assert.equal(count(`SELECT COUNT(*) FROM snapshots WHERE dump_dropped_at IS NOT NULL AND json_extract(json, '$.goroutines.raw') IS NOT NULL`), 0);
  assert.equal(count('SELECT COUNT(*) FROM runs'), before.runs, 'no run removed');
});

test('prune --older-than 90d: old runs and their snapshots go, newer ones stay; --dry-run first changes nothing', async () => {
  const ancient = insertHungRuns('ancient', 30, (i) => 100 + i);
  const ok = await runShim(['list', '-m'], { cwd: APP, env: ENV });
  assert.equal(ok.code, 0, ok.stderr.toString());
  const listRun = (await historyJson(ENV)).find((h) => (h.argv as string[])[0] === 'list')!;
  sql((db) => db.prepare('UPDATE runs SET started_at = ? WHERE id = ?').run(new Date(Date.now() - 120 * DAY_MS).toISOString(), listRun.id));
  const runs = count('SELECT COUNT(*) FROM runs');
  const snapshots = count('SELECT COUNT(*) FROM snapshots');

  const dry = await cli(['prune', '--older-than', '90d', '--dry-run']);
  assert.match(dry, /^Would remove 31 runs started \d{4}-\d\d-\d\d \d\d:\d\d … \d{4}-\d\d-\d\d \d\d:\d\d \(before \d{4}-\d\d-\d\d \d\d:\d\d\),$/m);
  assert.match(dry, new RegExp(`^ {2}30 of them hung \\(with their snapshots\\): #${ancient[ancient.length - 1]}, `, 'm'));
  assert.equal(count('SELECT COUNT(*) FROM runs'), runs);

  const done = await cli(['prune', '--older-than', '90d']);
  assert.match(done, /^Removed 31 runs started/m);
  assert.equal(count('SELECT COUNT(*) FROM runs'), runs - 31);
  assert.equal(count('SELECT COUNT(*) FROM snapshots'), snapshots - 30);
  assert.equal(count('SELECT COUNT(*) FROM runs WHERE started_at < ?', new Date(Date.now() - 90 * DAY_MS).toISOString()), 0);
  assert.equal(count('SELECT COUNT(*) FROM snapshots WHERE run_id NOT IN (SELECT id FROM runs)'), 0, 'no snapshot left without its run');
  assert.equal(hasRaw(first.id), true, 'the recent real hang is untouched');
  assert.match(await cli(['show', String(first.id)]), /Hung: proxy-unresponsive/);
  assert.match(await cli(['show', String(ancient[0])], 1), /no run #\d+ in the history/);

  assert.match(await cli(['prune', '--older-than', '90d']), /^No runs started before .*: nothing to remove\.$/m);
});

test('the cap takes no write lock while under the limit (a save never waits on it for nothing)', () => {
  const db = openDatabase(DB, 100);
  const release = holdExclusiveLock(DB);
  try {
    assert.equal(capSnapshots(db), 0, 'under the cap: a read, no lock needed');
    assert.throws(() => capSnapshots(db, 1), /locked|busy/i, 'over it, the trim itself needs the write lock');
  } finally {
    release();
    db.close();
  }
});

test('prune usage errors exit 2', async () => {
  assert.match(await cli(['prune'], 2), /prune needs --older-than/);
  assert.match(await cli(['prune', '--older-than', 'ages'], 2), /--older-than takes an age/);
});
