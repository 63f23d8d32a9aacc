// Short runs start no watcher, so their journals wait for a reader. An editor calling `go list`
// all day must not grow the journal folder without end: past 256 journals, the front starts a
// detached `node dist/watcher.js --fold` as it exits, which folds them into the database.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { waitUntil } from '../helpers/processes';
import { historyJson, runShim, tempDir, testEnv, writeModule } from '../helpers/shim';

const FOLD_THRESHOLD = 256; // front/fold.go
const RUNS = FOLD_THRESHOLD + 6;

test(`${RUNS} short watched runs: the journals are folded in without any reader, ids in start order`, { timeout: 180_000 }, async () => {
  const home = tempDir();
  const app = writeModule(path.join(home, 'app'), { 'go.mod': 'module example.com/app\n\ngo 1.19\n' });
  const env = testEnv(home);
  const spool = `${env.GOMODSHIM_DB}-spool`;
  const journals = () => (fs.existsSync(spool) ? fs.readdirSync(spool).filter((n) => n.endsWith('.jsonl')).length : 0);
  for (let i = 0; i < RUNS; i++) {
    const r = await runShim(['list', '-m'], { cwd: app, env });
    assert.equal(r.code, 0, r.stderr.toString());
  }
  assert.ok(await waitUntil(() => journals() < FOLD_THRESHOLD, 30_000, 100), `${journals()} journals still waiting`);
  assert.ok(fs.existsSync(env.GOMODSHIM_DB!), 'the database was written without a reader');
  const items = await historyJson(env);
  assert.equal(items.length, RUNS);
  const byId = [...items].sort((a, b) => (a.id as number) - (b.id as number));
  const starts = byId.map((i) => i.started_at as string);
  assert.deepEqual(starts, [...starts].sort(), 'ids follow start order');
});
