// Issue 3, observe mode: the hang is recorded while go keeps running, untouched; when the run
// ends, its record is completed. The run is ended by the proxy recovering (it holds every request
// until released, then answers): that is what observe mode is for — go, left alone, finishes on
// its own with its own status, and the record shows both the hang and the good end. (Ending it
// with SIGTERM would test the signal path instead, which signals.test.ts covers.)
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { appModule, assertAllEnded, endLeftovers, HANG_AFTER_MS, hangEnv, REPORT_WITHIN_MS, runWatched, savedAs, uniqueModule } from '../helpers/hang-run';
import { type RunRecord, readRecord, requireRecord, runIds } from '../helpers/history-record';
import { simpleModule, startModuleProxy } from '../helpers/module-proxy';
import { waitUntil } from '../helpers/processes';
import { isRunning, tempDir } from '../helpers/shim';

test('observe mode: the hang is on record while go still runs; the record is completed when go ends by itself', { timeout: 60_000 }, async () => {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  const module = uniqueModule('held');
  const proxy = await startModuleProxy([simpleModule(module, 'v1.0.0')], { holdUntil: released });
  const dir = tempDir();
  const env = hangEnv(dir, { GOPROXY: proxy.url, GOMODSHIM_ON_HANG: 'observe' });
  const dbPath = env.GOMODSHIM_DB as string;
  let shimPid = -1;
  const running = runWatched(['mod', 'download', '-json', `${module}@v1.0.0`], { cwd: appModule(dir), env, onSpawn: (p) => (shimPid = p) });
  let during: RunRecord | null = null;
  try {
    const recorded = await waitUntil(
      () => {
        const [id] = runIds(dbPath);
        during = id === undefined ? null : readRecord(dbPath, id);
        return during?.snapshot?.complete === true; // go env and the probe are in too
      },
      REPORT_WITHIN_MS,
      100,
    );
    assert.ok(recorded && during, 'the hang reached the database');
    const { run, snapshot } = during as RunRecord;
    assert.ok(snapshot);
    assert.ok(isRunning(shimPid) && isRunning(snapshot.go_pid), 'the shim and go still run');
    assert.deepEqual(
      { status: run.status, hung: run.hung, cause: run.cause, exit_code: run.exit_code, ended_at: run.ended_at, duration_ms: run.duration_ms },
      { status: 'running', hung: true, cause: 'proxy-unresponsive', exit_code: null, ended_at: null, duration_ms: null },
    );
    assert.equal(snapshot.mode, 'observe');
    assert.deepEqual(snapshot.goroutines, { raw: null, parsed: [] }, 'no SIGQUIT in observe mode');
    assert.deepEqual(
      proxy.requests.filter((q) => q.includes(module)),
      [`/${module}/@v/v1.0.0.info`],
      'go is still waiting for its first answer',
    );

    release();
    const r = await running;
    assert.deepEqual({ code: r.code, signal: r.signal }, { code: 0, signal: null }, `go succeeded:\n${r.stderr}`);
    const downloaded = JSON.parse(r.stdout.toString()) as { Path: string; Version: string; Dir: string; Error?: string };
    assert.deepEqual({ path: downloaded.Path, version: downloaded.Version, error: downloaded.Error }, { path: module, version: 'v1.0.0', error: undefined });
    assert.ok(fs.existsSync(path.join(downloaded.Dir, 'go.mod')), 'the module is in the cache');

    assert.equal(r.ours.length, 1, `one line of ours:\n${r.stderr}`);
    const id = savedAs(r.ours[0]);
    assert.equal(id, run.id);
    // The line comes before the probe's results; the stored summary may only add to it (here: the
    // proxy answers the probe's request at "/", so it is called intermittent).
    const said = new RegExp(`^gomod-shim: go mod download -json ${module}@v1\\.0\\.0: (.*); saved as #${id} \\(gomod-shim show ${id}\\)$`).exec(r.ours[0]);
    assert.ok(said, r.ours[0]);
    assert.match(said[1], /^GOPROXY http:\/\/127\.0\.0\.1:\d+ accepted the connection but has not answered for [\d.]+s$/);
    assert.ok(snapshot.diagnosis.summary.startsWith(said[1]), `stored: ${snapshot.diagnosis.summary}`);
    const after = requireRecord(dbPath, id);
    assert.deepEqual(
      { status: after.run.status, hung: after.run.hung, cause: after.run.cause, exit_code: after.run.exit_code, signal: after.run.signal },
      { status: 'finished', hung: true, cause: 'proxy-unresponsive', exit_code: 0, signal: null },
    );
    assert.ok(after.run.ended_at !== null && (after.run.duration_ms ?? 0) >= HANG_AFTER_MS, `duration ${after.run.duration_ms} ms`);
    assert.deepEqual(after.snapshot, snapshot, 'the snapshot is the one taken at the hang');
    await assertAllEnded(snapshot);
  } finally {
    release();
    endLeftovers((during as RunRecord | null)?.snapshot);
    await proxy.close();
  }
});
