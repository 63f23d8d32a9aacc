// Issue 4, modcache-lock: another process holds the module cache's lock for the very version go
// wants ($GOMODCACHE/cache/download/MODULE/@v/VERSION.lock, taken by cmd/go's modfetch.lockVersion
// before it downloads), so go blocks in flock(2). The proxy is healthy: only the lock holds go.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Snapshot } from '../../src/snapshot/snapshot';
import { appModule, assertAllEnded, assertHangReport, endLeftovers, goProcess, hangEnv, runWatched, stackFunctions, uniqueModule } from '../helpers/hang-run';
import { holdLock, type LockHolder } from '../helpers/lock-holder';
import { simpleModule, startModuleProxy } from '../helpers/module-proxy';
import { isRunning, tempDir } from '../helpers/shim';

test('modcache-lock: go waits for a module cache lock another process holds; the evidence names the holder', { timeout: 60_000 }, async () => {
  const module = uniqueModule('locked');
  const proxy = await startModuleProxy([simpleModule(module, 'v1.0.0')]);
  const dir = tempDir();
  const env = hangEnv(dir, { GOPROXY: proxy.url });
  const lockFile = path.join(env.GOMODCACHE as string, 'cache', 'download', module, '@v', 'v1.0.0.lock');
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  let holder: LockHolder | undefined;
  let snapshot: Snapshot | undefined;
  try {
    holder = await holdLock(lockFile);
    const args = ['mod', 'download', `${module}@v1.0.0`];
    const r = await runWatched(args, { cwd: appModule(dir), env });
    ({ snapshot } = assertHangReport(r, 'modcache-lock'));

    const wait = goProcess(snapshot).locks.find((l) => l.role === 'waits');
    assert.deepEqual(
      { file: wait?.file, kind: wait?.kind, others: wait?.other_pids, otherArgv: wait?.other_argv },
      { file: lockFile, kind: 'FLOCK', others: [holder.pid], otherArgv: [holder.argv] },
      'go waits on the lock file; /proc/locks names the holder',
    );
    assert.ok(
      stackFunctions(snapshot).some((f) => f.includes('lockedfile') || f === 'syscall.Flock'),
      'the dump shows go in flock',
    );

    const holderLine = `pid ${holder.pid} (${holder.argv.join(' ')})`;
    assert.equal(snapshot.diagnosis.summary, `go is waiting for the module cache lock ${lockFile}, held by ${holderLine}`);
    assert.ok(snapshot.diagnosis.evidence.includes(`the holder, pid ${holder.pid}, runs: ${holder.argv.join(' ')}`), snapshot.diagnosis.evidence.join('\n'));
    assert.ok(snapshot.diagnosis.suggestions.some((s) => s.includes(`kill ${holder!.pid}`)));

    await assertAllEnded(snapshot);
    // The holder is not go's: the shim must leave it alone.
    assert.ok(holder.pids().length === 2 && holder.pids().every(isRunning), 'flock and its sleep still run after the shim');
  } finally {
    endLeftovers(snapshot);
    await holder?.release();
    await proxy.close();
  }
  assert.deepEqual(holder.pids(), [], 'flock and its sleep ended');
});
