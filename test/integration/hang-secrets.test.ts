// Issue 3: secrets in the environment and in GOPROXY's user-info never reach the history (the
// database, its -wal/-shm and the run journal, read as raw bytes), `gomod-shim show`, or our lines
// on stderr — while the snapshot still records the settings, redacted.
//
// GOPROXY is https://USER:PASSWORD@127.0.0.1:PORT: go 1.19 refuses to send credentials to an
// http:// proxy ("refusing to pass credentials to insecure URL") and exits at once, so an http://
// proxy with user-info cannot hang. The server accepts and never speaks TLS (a tls-stall).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Snapshot } from '../../src/snapshot/snapshot';
import { stateFiles } from '../helpers/database';
import { appModule, assertAllEnded, assertHangReport, endLeftovers, hangEnv, REPORT_WITHIN_MS, runWatched, savedAs, uniqueModule } from '../helpers/hang-run';
import { readRecord, runIds } from '../helpers/history-record';
import { type SilentServer, startSilentServer } from '../helpers/misbehaving-servers';
import { waitUntil } from '../helpers/processes';
import { runCli, tempDir } from '../helpers/shim';

const id = randomUUID().replace(/-/g, '');
const user = `alice${id.slice(0, 6)}`;
const proxyPassword = `s3cret${id}`;
const token = `ghp_secret${id}`;
const password = `hunter2${id}`;
const FORBIDDEN = [token, password, proxyPassword, `${user}:`, Buffer.from(`${user}:${proxyPassword}`).toString('base64')];

function secretEnv(dir: string, server: SilentServer, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return hangEnv(dir, {
    GOPROXY: `https://${user}:${proxyPassword}@127.0.0.1:${server.port}`,
    GITHUB_TOKEN: token,
    GOMODSHIM_TEST_PASSWORD: password,
    ...extra,
  });
}

function assertNoSecrets(sources: { where: string; bytes: Buffer | string }[]): void {
  const found = sources.flatMap(({ where, bytes }) => {
    const text = Buffer.isBuffer(bytes) ? bytes.toString('latin1') : bytes;
    return FORBIDDEN.filter((s) => text.includes(s)).map((s) => `${where}: ${s}`);
  });
  assert.deepEqual(found, [], 'no secret anywhere');
}

/** The database holds what it should, redacted (so that finding no secret means something). */
function assertRedactedButRecorded(snapshot: Snapshot, port: number, files: { bytes: Buffer }[]): void {
  const redacted = `https://***@127.0.0.1:${port}`;
  assert.equal(snapshot.env.GOPROXY, redacted);
  assert.equal(snapshot.go_env?.GOPROXY, redacted);
  assert.equal(snapshot.env.GOMODSHIM_TEST_PASSWORD, '***');
  assert.ok(
    snapshot.network.some((n) => n.url === `${redacted}/`),
    'the probe URL is redacted',
  );
  assert.ok(Buffer.concat(files.map((f) => f.bytes)).includes(redacted), 'the raw files hold the redacted setting');
}

async function cliOutputs(env: NodeJS.ProcessEnv, runId: number) {
  const outputs = [];
  for (const args of [
    ['show', String(runId)],
    ['show', String(runId), '--json'],
    ['history', '--all', '--json'],
  ]) {
    const r = await runCli(args, { env });
    assert.equal(r.code, 0, `gomod-shim ${args.join(' ')}: ${r.stderr}`);
    outputs.push({ where: `gomod-shim ${args.join(' ')}`, bytes: Buffer.concat([r.stdout, r.stderr]) });
  }
  return outputs;
}

/** Everything a finished run leaves to read: the database folder, the CLI's views, our line. */
async function afterTheRun(dbPath: string, env: NodeJS.ProcessEnv, ours: string[]) {
  return [
    ...stateFiles(dbPath).map((f) => ({ where: f.file, bytes: f.bytes })),
    ...(await cliOutputs(env, savedAs(ours[0]))),
    { where: 'our stderr line', bytes: ours.join('\n') },
  ];
}

describe('secrets', { concurrency: true, timeout: 60_000 }, () => {
  test('dump mode: no secret in the database files, the journal, show, history or our line', async () => {
    const server = await startSilentServer();
    const dir = tempDir();
    const env = secretEnv(dir, server);
    let snapshot: Snapshot | undefined;
    try {
      const r = await runWatched(['mod', 'download', '-x', `${uniqueModule('secret')}@v1.0.0`], { cwd: appModule(dir), env });
      ({ snapshot } = assertHangReport(r, 'tls-stall'));
      assert.ok(
        snapshot.stderr_tail.some((l) => l.startsWith(`# get https://***@127.0.0.1:${server.port}/`)),
        "go's -x lines are kept, redacted",
      );
      const files = stateFiles(r.dbPath);
      assertRedactedButRecorded(snapshot, server.port, files);
      assertNoSecrets(await afterTheRun(r.dbPath, env, r.ours));
      await assertAllEnded(snapshot);
    } finally {
      endLeftovers(snapshot);
      await server.close();
    }
  });

  // While the run is hung in observe mode the shim holds the database open, so its -wal and -shm
  // exist: read them then, and again once the run has ended (SIGTERM).
  test('observe mode: no secret in history.db, -wal, -shm or the journal while the run is hung, nor after', async () => {
    const server = await startSilentServer();
    const dir = tempDir();
    const env = secretEnv(dir, server, { GOMODSHIM_ON_HANG: 'observe' });
    const dbPath = env.GOMODSHIM_DB as string;
    let shimPid = -1;
    let snapshot: Snapshot | null | undefined;
    try {
      const running = runWatched(['mod', 'download', `${uniqueModule('secret')}@v1.0.0`], { cwd: appModule(dir), env, onSpawn: (p) => (shimPid = p) });
      const hung = await waitUntil(
        () => {
          const [runId] = runIds(dbPath);
          snapshot = runId === undefined ? null : readRecord(dbPath, runId)?.snapshot;
          return snapshot?.complete === true; // the probe (its URL) and go env are in too
        },
        REPORT_WITHIN_MS,
        100,
      );
      assert.ok(hung && snapshot, 'the hang is recorded');
      const during = stateFiles(dbPath);
      const names = during.map((f) => path.basename(f.file));
      assert.ok(names.includes('history.db-wal') && names.includes('history.db-shm'), `the WAL files exist now: ${names.join(', ')}`);
      assertRedactedButRecorded(snapshot, server.port, during);
      assertNoSecrets(during.map((f) => ({ where: `${f.file} (during the hang)`, bytes: f.bytes })));

      process.kill(shimPid, 'SIGTERM');
      const r = await running;
      assert.equal(r.signal, 'SIGTERM');
      assertNoSecrets(await afterTheRun(dbPath, env, r.ours));
      await assertAllEnded(snapshot);
    } finally {
      endLeftovers(snapshot);
      await server.close();
    }
  });
});
