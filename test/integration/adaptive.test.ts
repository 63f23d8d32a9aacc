// GOMODSHIM_HANG_AFTER=auto on a history made of real runs: `go mod download` through a loopback
// proxy that holds each module zip for a different while, so every run has a real quiet spell of
// its own length. The first runs use the fixed default and say so; then the limit is learned
// from their quiet spells, and a real hang is caught at that limit — not at the default 60 s.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { type ModuleProxy, simpleModule, startModuleProxy } from '../helpers/module-proxy';
import { historyJson, runCli, runShim, tempDir, testEnv, writeModule } from '../helpers/shim';

const ROOT = tempDir('gomod-shim-adaptive-');
const APP = writeModule(path.join(ROOT, 'app'), { 'go.mod': 'module example.com/app\n\ngo 1.19\n' });
// How long the proxy holds the zip, run by run: go sits quiet that long, then unzips and ends.
const HOLD_MS = [1400, 3000, 1600, 2200, 1200];
const FACTOR = 3;
const MARGIN_MS = 5000;
const FLOOR_MS = 10_000;

interface HoldingProxy {
  url: string;
  holdMs: number;
  close(): Promise<void>;
}

/** A GOPROXY in front of upstream that holds each .zip for holdMs, and never answers for example.com/stuck. */
async function startHoldingProxy(upstream: ModuleProxy): Promise<HoldingProxy> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const front: HoldingProxy = { url: '', holdMs: 0, close: async () => {} };
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/example.com/stuck/')) return; // read, never answered
    const forward = () =>
      http.get(`${upstream.url}${url}`, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
    if (!url.endsWith('.zip')) return void forward();
    const timer = setTimeout(() => (timers.delete(timer), forward()), front.holdMs);
    timers.add(timer);
  });
  server.on('connection', (s) => (sockets.add(s), s.on('close', () => sockets.delete(s))));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  front.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  front.close = () =>
    new Promise<void>((resolve) => {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return front;
}

let upstream: ModuleProxy;
let proxy: HoldingProxy;

before(async () => {
  upstream = await startModuleProxy([simpleModule('example.com/dep', 'v1.0.0')]);
  proxy = await startHoldingProxy(upstream);
});
after(async () => {
  await proxy.close();
  await upstream.close();
});

const DB = path.join(ROOT, 'state', 'history.db');
const CONFIG_HOME = path.join(ROOT, 'xdg');
fs.mkdirSync(path.join(CONFIG_HOME, 'gomod-shim'), { recursive: true });
fs.writeFileSync(path.join(CONFIG_HOME, 'gomod-shim', 'config.json'), JSON.stringify({ hang_after: { 'mod download': 'auto' }, probe_timeout: '300ms' }));

/** Each run its own module cache (so go asks the proxy every time), one history for all. */
/**
 * The watcher starts at once (GOMODSHIM_WATCHER_DELAY=0s): a quiet spell is measured from the
 * watcher's first sample, and these runs' holds begin within their first second.
 */
function runEnv(): NodeJS.ProcessEnv {
  const home = fs.mkdtempSync(path.join(ROOT, 'home-'));
  return testEnv(home, { GOMODSHIM_DB: DB, XDG_CONFIG_HOME: CONFIG_HOME, GOPROXY: proxy.url, GOMODSHIM_WATCHER_DELAY: '0s' });
}

type Item = Record<string, unknown>;

test('auto: the default until 5 successful runs, then 3× their longest quiet spell + 5 s, used to catch a real hang', { timeout: 120_000 }, async (t) => {
  const reasonPrefix = 'config file: mod download=auto — ';
  // The database exists before the first run (as it does after any earlier one): creating it
  // 1 s into that run would hold up the sampler on a loaded machine.
  assert.deepEqual(await historyJson(runEnv()), []);
  for (const [i, holdMs] of HOLD_MS.entries()) {
    proxy.holdMs = holdMs;
    const r = await runShim(['mod', 'download', 'example.com/dep@v1.0.0'], { cwd: APP, env: runEnv(), timeoutMs: 30_000 });
    assert.equal(r.code, 0, r.stderr.toString());
    assert.equal(r.stderr.toString(), '', 'a run held by a slow proxy is not a hang');
    const [item] = await historyJson(runEnv());
    assert.equal(item.hang_limit_ms, 60_000);
    assert.equal(
      item.hang_limit_reason,
      `${reasonPrefix}default 60s until 5 successful \`go mod download\` runs in example.com/app are recorded (${i} so far)`,
    );
    // The sampler looks every 500 ms: a hold of H ms shows as a quiet spell up to 1 s under H
    // (less still on a loaded machine, where samples come late), never over it.
    const quiet = item.longest_idle_ms as number;
    assert.ok(quiet <= holdMs + 300, `held ${holdMs} ms, recorded a ${quiet} ms quiet spell`);
  }

  const history = (await historyJson(runEnv())) as Item[];
  const spells = history.map((i) => i.longest_idle_ms as number);
  assert.ok(Math.max(...spells) >= 1500, `the 3 s hold was recorded as a ${Math.max(...spells)} ms quiet spell`);
  const longest = Math.ceil(Math.max(...spells) / 100) * 100; // tenths of a second, rounded up
  const expectedMs = Math.max(FLOOR_MS, FACTOR * longest + MARGIN_MS);
  t.diagnostic(`holds ${HOLD_MS.join(', ')} ms → quiet spells ${[...spells].reverse().join(', ')} ms → limit ${expectedMs} ms`);

  const startedMs = Date.now();
  const hung = await runShim(['mod', 'download', 'example.com/stuck@v1.0.0'], { cwd: APP, env: runEnv(), timeoutMs: 60_000 });
  const tookMs = Date.now() - startedMs;
  assert.equal(hung.code, 124, hung.stderr.toString());
  assert.ok(tookMs >= expectedMs, `caught after ${tookMs} ms; the learned limit is ${expectedMs} ms`);

  const [item] = (await historyJson(runEnv())) as Item[];
  assert.deepEqual(item.argv, ['mod', 'download', 'example.com/stuck@v1.0.0']);
  const show = JSON.parse((await runCli(['show', String(item.id), '--json'], { env: runEnv() })).stdout.toString()) as Item & { snapshot: Item };
  assert.equal(show.hang_limit_ms, expectedMs);
  assert.equal(show.snapshot.hang_after_ms, expectedMs, 'the hang was judged by the learned limit');
  const idleMs = show.snapshot.idle_ms as number;
  assert.ok(idleMs >= expectedMs && idleMs < expectedMs + 2000, `caught after ${idleMs} ms quiet; the learned limit is ${expectedMs} ms`);
  const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))}s`;
  const formula = `${FACTOR}× the longest quiet spell of 5 successful \`go mod download\` runs in example.com/app (${seconds(longest)}) + 5s = ${seconds(FACTOR * longest + MARGIN_MS)}`;
  const reason = `${reasonPrefix}${formula}${expectedMs === FLOOR_MS ? ', raised to the 10s floor' : ''}`;
  assert.equal(show.hang_limit_reason, reason);
  assert.equal(show.snapshot.hang_after_reason, reason);
  const text = (await runCli(['show', String(item.id)], { env: runEnv() })).stdout.toString();
  assert.ok(text.includes(`\nlimit     ${seconds(expectedMs)} — ${reason}\n`), text);
});
