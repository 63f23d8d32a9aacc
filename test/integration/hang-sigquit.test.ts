// Issue 3, Ctrl-\ in dump mode: a SIGQUIT to the shim alone (kill -QUIT, or a terminal whose
// process group holds only the shim) while go waits on a silent proxy. The shim takes a snapshot,
// sends go the SIGQUIT itself, stores the parsed dump, and ends with go's own status: 2, as go
// ends after a SIGQUIT — not 124, which is for hangs the shim found and ended. Before the limit it
// is a user's snapshot (docs/contract.md): the run is not marked hung.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Snapshot } from '../../src/snapshot/snapshot';
import { appModule, assertAllEnded, assertDumpCaptured, endLeftovers, hangEnv, runWatched, savedAs, uniqueModule } from '../helpers/hang-run';
import { requireRecord } from '../helpers/history-record';
import { startSilentServer } from '../helpers/misbehaving-servers';
import { pidsWithArgument, waitUntil } from '../helpers/processes';
import { tempDir } from '../helpers/shim';

test("SIGQUIT to the shim alone in dump mode: a snapshot with the parsed dump, one line, and go's exit status 2", { timeout: 60_000 }, async () => {
  const server = await startSilentServer();
  const dir = tempDir();
  const module = uniqueModule('quit');
  // A limit far away: only the SIGQUIT may cause the snapshot.
  const env = hangEnv(dir, { GOPROXY: `http://127.0.0.1:${server.port}`, GOMODSHIM_HANG_AFTER: '60s' });
  let snapshot: Snapshot | undefined;
  try {
    let ended = false;
    const running = runWatched(['mod', 'download', `${module}@v1.0.0`], {
      cwd: appModule(dir),
      env,
      onSpawn: (pid) =>
        // Once go waits on the proxy; if it never asks, SIGTERM ends the run and the test fails.
        // Never after the run has ended: the pid may be another test's by then.
        void waitUntil(() => ended || server.received().includes(`/${module}/@v/v1.0.0.info`), 20_000).then((asked) => {
          if (!ended) process.kill(pid, asked ? 'SIGQUIT' : 'SIGTERM');
        }),
    }).finally(() => {
      ended = true;
    });
    const r = await running;
    assert.deepEqual({ code: r.code, signal: r.signal }, { code: 2, signal: null }, `the shim ends with go's status:\n${r.stderr}`);
    assert.equal(r.ours.length, 1, `one line of ours:\n${r.stderr}`);
    const id = savedAs(r.ours[0]);
    const record = requireRecord(r.dbPath, id);
    ({ snapshot } = record);
    assert.equal(r.ours[0], `gomod-shim: go mod download ${module}@v1.0.0: ${snapshot.diagnosis.summary}; saved as #${id} (gomod-shim show ${id})`);
    assert.equal(snapshot.trigger, 'sigquit');
    assertDumpCaptured(snapshot);
    assert.ok(r.stderr.toString().includes('SIGQUIT: quit'), "go's dump reaches the user");
    assert.equal(snapshot.diagnosis.cause, 'proxy-unresponsive');
    assert.deepEqual(
      { status: record.run.status, hung: record.run.hung, exit_code: record.run.exit_code, signal: record.run.signal },
      { status: 'finished', hung: false, exit_code: 2, signal: null },
    );
    await assertAllEnded(snapshot);
    assert.deepEqual(pidsWithArgument(module), []);
  } finally {
    endLeftovers(snapshot);
    await server.close();
  }
});
