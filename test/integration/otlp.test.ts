// Issue 5, fleet export: a real hang through the shim (a watched `go mod download` against a
// loopback GOPROXY that never answers) is sent to a loopback OTLP/HTTP receiver as a valid log
// record and span; a silent or broken endpoint costs one warning line and never changes go's
// outcome; without an endpoint dist/export.js is never even loaded. Which bundles a run loads is
// seen through a `node` placed on PATH (the front finds the watcher's node there) that preloads a
// recorder of every JavaScript file compiled.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { EXPORT_BUDGET_MS } from '../../src/export/otlp-settings';
import { LOAD_SLACK_MS } from '../helpers/bounds';
import { stateFiles } from '../helpers/database';
import { type ModuleProxy, startModuleProxy } from '../helpers/module-proxy';
import { attributeMap, type OtlpReceiver, startOtlpReceiver, theHang } from '../helpers/otlp-receiver';
import { childrenOf, pidsWithArgument } from '../helpers/processes';
import { historyJson, isRunning, PATH_WITHOUT_SHIM, SHIM_DIR, SHIM_GO, tempDir, testEnv, writeModule } from '../helpers/shim';

const ROOT = tempDir('gomod-shim-otlp-');
const APP = writeModule(path.join(ROOT, 'app'), { 'go.mod': 'module example.com/app\n\ngo 1.19\n' });
const HANG_AFTER_MS = 2000;
const PROBE_TIMEOUT_MS = 300;
const DOWNLOAD = ['mod', 'download', 'example.com/dep@v1.0.0'];
const TOKEN = 'tok-s3cr3t-9f8e';
const ENV_SECRET = 'pw-s3cr3t-7a6b';

// `node` for shim/go: the real one with a preload that appends each compiled file to $LOADS.
const FAKE_NODE_DIR = path.join(ROOT, 'fake-node');
fs.mkdirSync(FAKE_NODE_DIR);
fs.writeFileSync(
  path.join(FAKE_NODE_DIR, 'record-loads.js'),
  `const Module = require('module'); const fs = require('fs');
const compile = Module._extensions['.js'];
Module._extensions['.js'] = function (module, filename) {
  if (process.env.LOADS) fs.appendFileSync(process.env.LOADS, filename + '\\n');
  return compile.call(this, module, filename);
};\n`,
);
fs.writeFileSync(path.join(FAKE_NODE_DIR, 'node'), `#!/bin/sh\nexec '${process.execPath}' --require '${FAKE_NODE_DIR}/record-loads.js' "$@"\n`, {
  mode: 0o755,
});

let proxy: ModuleProxy;
const receivers: OtlpReceiver[] = [];
async function receiver(behaviour: { silent?: boolean } = {}): Promise<OtlpReceiver> {
  const r = await startOtlpReceiver(behaviour);
  receivers.push(r);
  return r;
}

before(async () => {
  proxy = await startModuleProxy([], { silent: true });
});
after(() => Promise.all([proxy.close(), ...receivers.map((r) => r.close())]));

interface HangRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** Our own lines (gomod-shim: …), in order. */
  ours: string[];
  /** The dist/ bundles the watcher loaded, by file name. */
  bundles: string[];
  /** ms from the hang line on stderr to the shim's end. */
  afterHangLineMs: number | null;
  env: NodeJS.ProcessEnv;
}

let runs = 0;
/** A fresh home (database, module cache) and the environment for one hung download. */
function hangEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const home = fs.mkdtempSync(path.join(ROOT, 'home-'));
  return testEnv(home, {
    PATH: `${SHIM_DIR}:${FAKE_NODE_DIR}:${PATH_WITHOUT_SHIM}`,
    LOADS: path.join(home, `loads-${++runs}.txt`),
    GOPROXY: proxy.url,
    // Secrets the snapshot sees (GIT_* is Go-relevant): a token, and a URL with a password.
    GIT_TOKEN: ENV_SECRET,
    GIT_MIRROR_URL: `https://gopher:${ENV_SECRET}@git.example/mirror`,
    GOMODSHIM_HANG_AFTER: `${HANG_AFTER_MS}ms`,
    GOMODSHIM_PROBE_TIMEOUT: `${PROBE_TIMEOUT_MS}ms`,
    OTEL_EXPORTER_OTLP_HEADERS: `authorization=Bearer%20${TOKEN}`,
    ...extra,
  });
}

/** Runs the shim with env; onSpawn may act while it runs. Times the hang line's arrival. */
function runShim(env: NodeJS.ProcessEnv, args: string[] = DOWNLOAD, onSpawn?: (pid: number) => void): Promise<HangRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(SHIM_GO, args, { cwd: APP, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let hangLineAt: number | null = null;
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (hangLineAt === null && /^gomod-shim: go /m.test(stderr)) hangLineAt = Date.now();
    });
    const timer = setTimeout(() => (child.kill('SIGKILL'), reject(new Error('the shim did not end within 30 s'))), 30_000);
    child.on('error', reject);
    if (child.pid !== undefined) onSpawn?.(child.pid);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const loads = fs.existsSync(env.LOADS!) ? fs.readFileSync(env.LOADS!, 'utf8').split('\n') : [];
      resolve({
        code,
        signal,
        stderr,
        ours: stderr.split('\n').filter((l) => l.startsWith('gomod-shim: ')),
        bundles: loads.filter((f) => f.includes(`${path.sep}dist${path.sep}`)).map((f) => path.basename(f)),
        afterHangLineMs: hangLineAt === null ? null : Date.now() - hangLineAt,
        env,
      });
    });
  });
}

/** Every byte the run left in its state folder (database, WAL, journals). */
function stateBytes(env: NodeJS.ProcessEnv): string {
  return stateFiles(env.GOMODSHIM_DB!)
    .map((f) => f.bytes.toString('latin1'))
    .join('\n');
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function assertNoSecrets(text: string, where: string): void {
  assert.equal(text.includes(TOKEN), false, `the OTLP header token is in ${where}`);
  assert.equal(text.includes(ENV_SECRET), false, `a secret from the environment is in ${where}`);
}

// The slowest export allowed: the probe still running after the hang line (3 steps, each bounded),
// the export's budget, and the way out (leftovers, stderr drain, process exit), which load stretches.
// An export that waited on the silent collector would run into the 30 s kill instead.
const EXIT_BOUND_MS = 3 * PROBE_TIMEOUT_MS + EXPORT_BUDGET_MS + LOAD_SLACK_MS;

// Three at a time: nine hangs at once on two cores stretch the export's own set-up past its 2.5 s budget.
describe('OTLP export of a real hang', { concurrency: 3 }, () => {
  test('http/json: the hang arrives as a valid WARN log record and an ERROR span with the stored cause and summary; no secret anywhere', {
    timeout: 60_000,
  }, async () => {
    const r = await receiver();
    const run = await runShim(hangEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: r.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }));
    assert.equal(run.code, 124, run.stderr);
    assert.equal(run.ours.length, 1, `the hang line only, no warning:\n${run.ours.join('\n')}`);
    assert.ok(run.bundles.includes('export.js'), `dist/export.js was loaded: ${run.bundles}`);
    assert.deepEqual(r.rejected, []);

    const [item] = (await historyJson(run.env)).filter((i) => i.hung);
    assert.equal(item.cause, 'proxy-unresponsive');
    const { log, span, logRequest, traceRequest, logResource } = theHang(r);
    assert.deepEqual([logRequest.format, traceRequest.format], ['json', 'json']);
    assert.equal(logRequest.headers.authorization, `Bearer ${TOKEN}`, 'OTEL_EXPORTER_OTLP_HEADERS reach the endpoint');

    const attributes = attributeMap(log.attributes);
    assert.equal(log.severityText, 'WARN');
    assert.equal(log.severityNumber, 13);
    assert.deepEqual(log.body, { stringValue: item.summary });
    assert.equal(attributes['gomod_shim.hang.cause'], item.cause);
    assert.equal(attributes['error.type'], item.cause);
    assert.equal(attributes['gomod_shim.hang.summary'], item.summary);
    assert.equal(attributes['gomod_shim.run.id'], item.id);
    assert.equal(attributes['gomod_shim.go.module'], 'example.com/app');
    assert.equal(attributes['gomod_shim.go.proxy'], proxy.url);
    assert.deepEqual(attributes['process.command_args'], ['go', ...DOWNLOAD]);
    assert.match(String(attributes['process.runtime.version']), /^go1\.\d+/);
    assert.equal(attributeMap(logResource.attributes)['service.name'], 'gomod-shim');

    assert.equal(span.name, 'go mod download');
    assert.equal(span.status.code, 2, 'STATUS_CODE_ERROR');
    assert.equal(span.startTimeUnixNano, String(BigInt(Date.parse(item.started_at as string)) * 1_000_000n), 'the span starts with the run');
    assert.ok(BigInt(span.endTimeUnixNano) - BigInt(span.startTimeUnixNano) >= BigInt(HANG_AFTER_MS) * 1_000_000n, 'the span lasts at least the idle time');
    assert.deepEqual(attributeMap(span.attributes), attributes);
    assert.deepEqual([log.traceId, log.spanId], [span.traceId, span.spanId]);

    assertNoSecrets(run.stderr, 'our stderr');
    assertNoSecrets(stateBytes(run.env), 'the history database');
    assertNoSecrets(JSON.stringify(r.requests.map((q) => q.body)), 'the exported data');
  });

  test('http/protobuf (the default) to GOMODSHIM_OTLP_ENDPOINT, which wins over OTEL_EXPORTER_OTLP_ENDPOINT', { timeout: 60_000 }, async () => {
    const [ours, theirs] = await Promise.all([receiver(), receiver()]);
    const run = await runShim(hangEnv({ GOMODSHIM_OTLP_ENDPOINT: ours.url, OTEL_EXPORTER_OTLP_ENDPOINT: theirs.url }));
    assert.equal(run.code, 124, run.stderr);
    assert.equal(run.ours.length, 1, run.ours.join('\n'));
    assert.equal(theirs.connections, 0, 'nothing went to OTEL_EXPORTER_OTLP_ENDPOINT');
    assert.deepEqual(ours.rejected, []);
    const [item] = (await historyJson(run.env)).filter((i) => i.hung);
    const { log, span, logRequest, traceRequest } = theHang(ours);
    assert.deepEqual([logRequest.format, traceRequest.format], ['protobuf', 'protobuf']);
    for (const attributes of [attributeMap(log.attributes), attributeMap(span.attributes)]) {
      assert.equal(attributes['gomod_shim.hang.cause'], 'proxy-unresponsive');
      assert.equal(attributes['gomod_shim.hang.summary'], item.summary);
    }
    assert.equal(span.status.message, item.summary);
  });

  test('observe mode: the hang is exported while go keeps running; the run then ends as go does', { timeout: 60_000 }, async () => {
    const r = await receiver();
    let shimPid = -1;
    const running = runShim(hangEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: r.url, GOMODSHIM_ON_HANG: 'observe' }), DOWNLOAD, (pid) => (shimPid = pid));
    const arrived = await r.waitFor(['logs', 'traces'], 20_000);
    // The front's children: go, and the watcher beside it.
    const go = childrenOf(shimPid).filter((p) => !pidsWithArgument('watcher.js').includes(p));
    const alive = { shim: isRunning(shimPid), go: go.length === 1 && isRunning(go[0]) };
    process.kill(shimPid, 'SIGTERM');
    const run = await running;
    assert.ok(arrived, `the log record and the span arrived while the run went on:\n${run.stderr}`);
    assert.deepEqual(alive, { shim: true, go: true }, 'go was still running when the export had arrived');
    assert.equal(run.signal, 'SIGTERM', 'the shim ends as go ended: by SIGTERM');
    assert.equal(run.ours.length, 1, run.ours.join('\n'));
    const { span, log } = theHang(r);
    assert.equal(attributeMap(log.attributes)['gomod_shim.hang.mode'], 'observe');
    assert.equal(span.status.code, 2);
  });

  for (const kind of ['silent', 'refusing'] as const) {
    test(`a ${kind} OTLP endpoint: one warning line, no secret in it, exit 124 as without it, within the bound`, { timeout: 60_000 }, async () => {
      const endpoint = kind === 'silent' ? (await receiver({ silent: true })).url : `http://127.0.0.1:${await closedPort()}`;
      const run = await runShim(hangEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint }));
      assert.equal(run.code, 124, run.stderr);
      assert.equal(run.ours.length, 2, run.ours.join('\n'));
      assert.match(run.ours[0], /^gomod-shim: go mod download example\.com\/dep@v1\.0\.0: .*; saved as #\d+/);
      const reason = kind === 'silent' ? 'Request timed out' : 'connect ECONNREFUSED';
      assert.ok(run.ours[1].startsWith(`gomod-shim: warning: could not export the hang to the OTLP endpoint ${endpoint}: ${reason}`), run.ours[1]);
      assertNoSecrets(run.stderr, 'our stderr');
      const exporterNoise = run.stderr.split('\n').filter((l) => /otlp|opentelemetry|export|ECONNREFUSED|timed out/i.test(l) && !l.startsWith('gomod-shim: '));
      assert.deepEqual(exporterNoise, [], 'the OpenTelemetry SDK printed nothing of its own');
      assert.ok(
        run.afterHangLineMs !== null && run.afterHangLineMs <= EXIT_BOUND_MS,
        `the shim ended ${run.afterHangLineMs} ms after the hang line (bound ${EXIT_BOUND_MS} ms)`,
      );
      const [item] = (await historyJson(run.env)).filter((i) => i.hung);
      assert.equal(item.cause, 'proxy-unresponsive', 'the hang is recorded as without an endpoint');
    });
  }

  test('one warning line per run across bundles: after a malformed setting warned (dist/watcher.js), a failed export (dist/export.js) adds none', {
    timeout: 60_000,
  }, async () => {
    const run = await runShim(hangEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${await closedPort()}`, GOMODSHIM_ON_HANG: 'loud' }));
    assert.equal(run.code, 124, 'dump mode, the default, after the warning');
    assert.equal(run.ours.length, 2, run.ours.join('\n'));
    assert.match(run.ours[0], /^gomod-shim: warning: GOMODSHIM_ON_HANG=loud is not dump or observe; using dump$/);
    assert.match(run.ours[1], /^gomod-shim: go mod download .*; saved as #\d+/);
  });

  test('an unsupported protocol (grpc): one warning, nothing sent, dist/export.js not loaded', { timeout: 60_000 }, async () => {
    const r = await receiver();
    const run = await runShim(hangEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: r.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }));
    assert.equal(run.code, 124, run.stderr);
    assert.deepEqual(run.ours.slice(1), [
      'gomod-shim: warning: OTEL_EXPORTER_OTLP_PROTOCOL=grpc is not supported (http/protobuf or http/json); the hang was not exported',
    ]);
    assert.equal(r.connections, 0);
    assert.ok(run.bundles.includes('watcher.js') && !run.bundles.includes('export.js'), `bundles: ${run.bundles}`);
  });

  test('no endpoint, or turned off: a hang loads dist/watcher.js but never dist/export.js, and sends nothing', { timeout: 60_000 }, async () => {
    const r = await receiver();
    const cases = [
      {},
      { GOMODSHIM_OTLP_ENDPOINT: 'off', OTEL_EXPORTER_OTLP_ENDPOINT: r.url },
      { OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: r.url },
    ];
    const results = await Promise.all(cases.map((extra) => runShim(hangEnv(extra))));
    for (const [i, run] of results.entries()) {
      assert.equal(run.code, 124, run.stderr);
      assert.equal(run.ours.length, 1, run.ours.join('\n'));
      assert.deepEqual(run.bundles, ['watcher.js'], `case ${i}: the bundles loaded`);
    }
    assert.equal(r.connections, 0, 'nothing reached the endpoint');
  });

  test('an endpoint set and no hang: dist/export.js is not loaded, nothing is sent', { timeout: 60_000 }, async () => {
    const r = await receiver();
    const run = await runShim(hangEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: r.url }), ['list', '-m']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(run.ours, []);
    // (A watcher may have started, if go took more than a second on a loaded machine.)
    assert.ok(!run.bundles.includes('export.js'), `bundles: ${run.bundles}`);
    assert.equal(r.connections, 0);
  });
});
