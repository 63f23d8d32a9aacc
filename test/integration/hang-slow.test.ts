// Issue 3, "Slow is not stuck" (docs/causes.md): with the limit at 2 s, runs that stay silent far longer
// but keep working must never be called hangs — a module zip arriving over ~10 s (bytes flowing),
// and a compile that takes seconds (CPU busy). No line of ours, go's own status, not hung.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { BUILD_TIMEOUT_MS } from '../helpers/go-programs';
import { appModule, HANG_AFTER_MS, hangEnv, runWatched, uniqueModule, type WatchedRun } from '../helpers/hang-run';
import { readRecord, runIds } from '../helpers/history-record';
import { simpleModule, startModuleProxy } from '../helpers/module-proxy';
import { tempDir } from '../helpers/shim';
import { writeSlowPackage } from '../helpers/slow-package';

const TRICKLE_MS = 10_000;

/** Ended by itself with exit 0, said nothing of its own, and its one record is not hung. */
function assertNotFlagged(r: WatchedRun): void {
  assert.deepEqual({ code: r.code, signal: r.signal }, { code: 0, signal: null }, `go succeeded:\n${r.stderr}`);
  assert.deepEqual(r.ours, [], 'no line of ours');
  const ids = runIds(r.dbPath);
  assert.equal(ids.length, 1, 'the run is recorded');
  const record = readRecord(r.dbPath, ids[0]);
  assert.deepEqual(
    { hung: record?.run.hung, cause: record?.run.cause, exit_code: record?.run.exit_code, snapshot: record?.snapshot },
    { hung: false, cause: null, exit_code: 0, snapshot: null },
  );
  // Otherwise the test proves nothing: the run must have outlasted the limit.
  assert.ok((record?.run.duration_ms ?? 0) > 2 * HANG_AFTER_MS, `the run took ${record?.run.duration_ms} ms`);
}

// The compile is CPU-bound: on a loaded machine it takes many times its idle 6 s, so the kill and
// the suite's timeout are the build's, not bounds on how fast it goes.
describe('slow but working is not a hang', { concurrency: true, timeout: BUILD_TIMEOUT_MS + 30_000 }, () => {
  // A module of some size (a 200 KB file): each of the 20 pieces is ~10 KB, as a slow link delivers.
  test('a module zip trickling in over 10 s: downloaded, exit 0, not hung', async () => {
    const module = uniqueModule('trickle');
    const payload = 'slow but steady\n'.repeat(12_800);
    const proxy = await startModuleProxy([simpleModule(module, 'v1.0.0', { 'data.txt': payload })], { trickleZipOverMs: TRICKLE_MS });
    const dir = tempDir();
    try {
      const r = await runWatched(['mod', 'download', '-json', `${module}@v1.0.0`], { cwd: appModule(dir), env: hangEnv(dir, { GOPROXY: proxy.url }) });
      assertNotFlagged(r);
      const { Dir } = JSON.parse(r.stdout.toString()) as { Dir: string };
      assert.equal(fs.readFileSync(path.join(Dir, 'data.txt'), 'utf8'), payload, 'the whole zip arrived');
      assert.ok(r.elapsedMs >= TRICKLE_MS * 0.9, `the zip took ${r.elapsedMs} ms to arrive`);
    } finally {
      await proxy.close();
    }
  });

  test('a compile that keeps the CPU busy for seconds, printing nothing: exit 0, not hung', async () => {
    const dir = tempDir();
    const pkg = writeSlowPackage(path.join(dir, 'slowbuild'));
    // A build cache of its own: the suite's would remember this package, and the compile would not run again.
    const env = hangEnv(dir, { GOCACHE: path.join(dir, 'gocache') });
    const r = await runWatched(['build', './...'], { cwd: pkg, env, timeoutMs: BUILD_TIMEOUT_MS });
    assert.equal(r.stdout.length + r.stderr.length, 0, 'go build printed nothing');
    assertNotFlagged(r);
  });
});
