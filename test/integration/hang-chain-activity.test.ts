// Issue 10: what is not a hang. A go waiting on the module-cache lock while the holder downloads
// slowly (the holder's progress counts as go's: docs/contract.md "Hang detection"), and Ctrl-\ on a
// run that is busy compiling (a user's snapshot, not counted in the hang rate).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { parseLocks } from '../../src/monitor/locks';
import { appModule, HANG_AFTER_MS, hangEnv, runWatched, uniqueModule } from '../helpers/hang-run';
import { readRecord, runIds } from '../helpers/history-record';
import { simpleModule, startModuleProxy } from '../helpers/module-proxy';
import { commOf, descendantPids, killAll, waitUntil } from '../helpers/processes';
import { REAL_GO, runCli, tempDir } from '../helpers/shim';
import { writeSlowPackage } from '../helpers/slow-package';

const TRICKLE_MS = 5 * HANG_AFTER_MS;

describe('progress along the wait chain, and user snapshots, are not hangs', { concurrency: true, timeout: 120_000 }, () => {
  test('a go waiting on the module-cache lock of a slowly working download is not hung', async () => {
    const module = uniqueModule('lockbehind');
    // Incompressible, so that the zip itself is big and each of its 20 pieces moves ~10 KB.
    const payload = randomBytes(150_000).toString('base64');
    const proxy = await startModuleProxy([simpleModule(module, 'v1.0.0', { 'data.txt': payload })], { trickleZipOverMs: TRICKLE_MS });
    const dir = tempDir();
    const env = hangEnv(dir, { GOPROXY: proxy.url });
    // The holder is a plain go outside the shim: only the waiter is watched.
    const holder = spawn(REAL_GO, ['mod', 'download', `${module}@v1.0.0`], { cwd: appModule(dir), env, stdio: 'ignore' });
    const holderExit = new Promise<number | null>((resolve) => holder.once('exit', (code) => resolve(code)));
    try {
      const locked = await waitUntil(
        () =>
          proxy.requests.some((r) => r.endsWith('.zip')) && parseLocks(fs.readFileSync('/proc/locks', 'utf8')).some((l) => l.pid === holder.pid && !l.waiting),
        20_000,
      );
      assert.ok(locked, 'the holder took the lock and is downloading the zip');
      const r = await runWatched(['mod', 'download', `${module}@v1.0.0`], { cwd: appModule(dir), env, timeoutMs: 60_000 });
      assert.deepEqual({ code: r.code, signal: r.signal, ours: r.ours }, { code: 0, signal: null, ours: [] }, r.stderr.toString());
      assert.equal(await holderExit, 0, 'the holder finished its download');
      const [id] = runIds(r.dbPath);
      const record = readRecord(r.dbPath, id);
      assert.deepEqual({ hung: record?.run.hung, snapshot: record?.snapshot }, { hung: false, snapshot: null });
      // Otherwise it proves nothing: the waiter sat on the lock for longer than the limit.
      assert.ok(r.elapsedMs > 2 * HANG_AFTER_MS, `the waiter took ${r.elapsedMs} ms`);
    } finally {
      if (holder.exitCode === null) killAll([holder.pid as number]);
      await proxy.close();
    }
  });

  test('Ctrl-\\ on a busy compile: a snapshot on request, hung false, shown as such, not in the hang rate', async () => {
    const dir = tempDir();
    const pkg = writeSlowPackage(path.join(dir, 'slowbuild'));
    // A build cache of its own: in the suite's shared one the package may be built already, and
    // then no compiler ever runs.
    const env = hangEnv(dir, { GOCACHE: path.join(dir, 'gocache') });
    let running = true;
    const r = await runWatched(['build', './...'], {
      cwd: pkg,
      env,
      timeoutMs: 80_000,
      // Once the compiler works (CPU busy, nothing printed), as a user pressing Ctrl-\ would; never
      // after the run ended, when the pid may be another process's.
      onSpawn: (pid) =>
        void waitUntil(() => !running || descendantPids(pid).some((p) => commOf(p) === 'compile'), 30_000).then(async () => {
          await new Promise((resolve) => setTimeout(resolve, HANG_AFTER_MS / 2));
          if (running) process.kill(pid, 'SIGQUIT');
        }),
    }).finally(() => {
      running = false;
    });
    assert.equal(r.ours.length, 1, r.stderr.toString());
    const [id] = runIds(r.dbPath);
    const record = readRecord(r.dbPath, id);
    assert.ok(record?.snapshot, 'the snapshot is stored');
    assert.deepEqual(
      { hung: record.run.hung, trigger: record.snapshot.trigger, snapshotHung: record.snapshot.hung },
      { hung: false, trigger: 'sigquit', snapshotHung: false },
    );
    assert.ok(record.snapshot.idle_ms < HANG_AFTER_MS, `idle ${record.snapshot.idle_ms} ms when asked`);
    const leaf = record.snapshot.wait_chain?.at(-1);
    assert.ok(leaf, 'the chain is there');
    assert.ok(r.ours[0].startsWith(`gomod-shim: go build ./...: snapshot taken on request (Ctrl-\\), not a hang — go ${record.snapshot.go_pid} `), r.ours[0]);

    const show = await runCli(['show', String(id)], { env });
    assert.ok(show.stdout.toString().includes('snapshot taken on request (Ctrl-\\), not a hang'), show.stdout.toString());
    assert.ok(!show.stdout.toString().includes('Hung:'), 'not headed as a hang');
    const stats = JSON.parse((await runCli(['stats', '--all', '--json'], { env })).stdout.toString()) as { runs: number; hangs: number };
    assert.deepEqual({ runs: stats.runs, hangs: stats.hangs }, { runs: 1, hangs: 0 });
  });
});
