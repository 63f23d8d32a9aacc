// Issue 2: signals sent to the shim do to go what they would do sent to go itself, and
// the shim ends as go ends (docs/contract.md, "Transparency"). The situation: a watched
// `go mod download` waiting on a loopback GOPROXY that accepts and never answers.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { LOAD_SLACK_MS } from '../helpers/bounds';
import { assertSameOutcome } from '../helpers/compare';
import { type ModuleProxy, startModuleProxy } from '../helpers/module-proxy';
import { childrenOf, goUnder, killAll, pidsWithArgument, sleep, waitUntil } from '../helpers/processes';
import { isRunning, REAL_GO, type RunResult, run, SHIM_GO, tempDir, testEnv, writeModule } from '../helpers/shim';

// Long enough for a go that should have died to be seen dead, many times over.
const SURVIVAL_CHECK_MS = 400;

let proxy: ModuleProxy;
const root = tempDir();
const app = writeModule(path.join(root, 'app'), { 'go.mod': 'module example.com/app\n\ngo 1.19\n' });

before(async () => {
  proxy = await startModuleProxy([], { silent: true });
});
after(() => proxy.close());

/** A fresh module cache each time, so that go always asks the proxy. */
function downloadEnv(): NodeJS.ProcessEnv {
  const home = fs.mkdtempSync(path.join(root, 'home-'));
  return testEnv(home, { GOPROXY: proxy.url, PWD: app });
}

interface Waiting {
  pid: number;
  /** Resolves when the process has ended. */
  result: Promise<RunResult>;
}

/**
 * Starts `go mod download` (through the shim or not) and resolves once go has sent its
 * request to the silent proxy, i.e. once go really waits. wrap: a command to start it under.
 */
async function startWaiting(goBinary: string, opts: { wrap?: string[]; env?: NodeJS.ProcessEnv } = {}): Promise<Waiting> {
  const marker = `example.com/wait${randomUUID().slice(0, 8)}`;
  const seen = proxy.requests.length;
  let pid = -1;
  const [file, ...args] = [...(opts.wrap ?? []), goBinary, 'mod', 'download', `${marker}@v1.0.0`];
  const result = run(file, args, { cwd: app, env: opts.env ?? downloadEnv(), onSpawn: (p) => (pid = p), timeoutMs: 30_000 });
  const asked = await waitUntil(() => proxy.requests.slice(seen).some((r) => r.includes(marker)), 20_000);
  if (!asked) {
    killAll(pidsWithArgument(marker));
    throw new Error(`go never asked the proxy for ${marker}`);
  }
  return { pid, result };
}

/** The go process below a shim (the front's child; its other child, after a second, is the watcher). */
function goBelow(shimPid: number): number {
  const go = goUnder(shimPid);
  assert.ok(go !== undefined, `one go below the shim, found ${childrenOf(shimPid).join(',')}`);
  return go;
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  test(`${sig} to the shim ends go, and the shim, as ${sig} to go does`, { timeout: 60_000 }, async () => {
    const real = await startWaiting(REAL_GO);
    process.kill(real.pid, sig);
    const shim = await startWaiting(SHIM_GO);
    const go = goBelow(shim.pid);
    process.kill(shim.pid, sig);
    const [r, s] = await Promise.all([real.result, shim.result]);
    assert.equal(r.signal, sig, 'the real go dies by the signal');
    assertSameOutcome(s, r, sig);
    assert.ok(await waitUntil(() => !isRunning(go), LOAD_SLACK_MS), 'go is gone');
  });
}

// In observe mode a SIGQUIT only records a snapshot; in dump mode it dumps go like a detected
// hang (test/integration/hang-*.test.ts).
test('SIGQUIT to the shim alone (observe mode): a snapshot, one line, and the shim and go carry on; SIGTERM then ends both as it ends go', {
  timeout: 60_000,
}, async () => {
  const shim = await startWaiting(SHIM_GO, { env: { ...downloadEnv(), GOMODSHIM_ON_HANG: 'observe', GOMODSHIM_PROBE_TIMEOUT: '300ms' } });
  const go = goBelow(shim.pid);
  process.kill(shim.pid, 'SIGQUIT');
  await sleep(SURVIVAL_CHECK_MS);
  assert.ok(isRunning(shim.pid), 'the shim survived SIGQUIT');
  assert.ok(isRunning(go), 'go kept running');
  process.kill(shim.pid, 'SIGTERM');

  const real = await startWaiting(REAL_GO);
  process.kill(real.pid, 'SIGTERM');
  const viaShim = await shim.result;
  const lines = viaShim.stderr.toString().split('\n');
  const ours = lines.filter((l) => l.startsWith('gomod-shim: '));
  assert.equal(ours.length, 1, `one line of ours:\n${viaShim.stderr}`);
  assert.match(ours[0], /saved as #\d+ \(gomod-shim show \d+\)$/);
  const goOnly = Buffer.from(lines.filter((l) => !l.startsWith('gomod-shim: ')).join('\n'));
  assertSameOutcome({ ...viaShim, stderr: goOnly }, await real.result, 'SIGQUIT then SIGTERM');
});

test('signals go ignores (SIGUSR1, SIGUSR2, SIGALRM) end neither go nor the shim, and print nothing', { timeout: 60_000 }, async () => {
  const real = await startWaiting(REAL_GO);
  const shim = await startWaiting(SHIM_GO);
  const go = goBelow(shim.pid);
  for (const sig of ['SIGUSR1', 'SIGUSR2', 'SIGALRM'] as const) {
    process.kill(real.pid, sig);
    process.kill(shim.pid, sig);
  }
  await sleep(SURVIVAL_CHECK_MS);
  const alive = { real: isRunning(real.pid), shim: isRunning(shim.pid), go: isRunning(go) };
  process.kill(real.pid, 'SIGTERM');
  process.kill(shim.pid, 'SIGTERM');
  assert.deepEqual(alive, { real: true, shim: true, go: true });
  assertSameOutcome(await shim.result, await real.result, 'then SIGTERM');
});

// nohup, or `go … &` in a non-interactive shell, start go with SIGHUP or SIGINT ignored;
// go then keeps them ignored. Node resets both for itself and for its children.
for (const sig of ['SIGHUP', 'SIGINT'] as const) {
  test(`started with ${sig} ignored (${sig === 'SIGHUP' ? 'nohup' : 'go … & in a script'}), go still ignores it through the shim`, {
    timeout: 60_000,
  }, async () => {
    const wrap = ['/bin/sh', '-c', `trap '' ${sig.slice(3)}; exec "$@"`, 'sh'];
    const real = await startWaiting(REAL_GO, { wrap });
    const shim = await startWaiting(SHIM_GO, { wrap });
    const go = goBelow(shim.pid);
    process.kill(real.pid, sig);
    process.kill(shim.pid, sig);
    await sleep(SURVIVAL_CHECK_MS);
    const alive = { real: isRunning(real.pid), go: isRunning(go), shim: isRunning(shim.pid) };
    process.kill(real.pid, 'SIGTERM');
    process.kill(shim.pid, 'SIGTERM');
    assert.deepEqual(alive, { real: true, go: true, shim: true });
    assertSameOutcome(await shim.result, await real.result, 'then SIGTERM');
  });
}

test('go killed outright (SIGKILL to go itself): the shim dies by SIGKILL too', { timeout: 60_000 }, async () => {
  const shim = await startWaiting(SHIM_GO);
  process.kill(goBelow(shim.pid), 'SIGKILL');
  const s = await shim.result;
  assert.deepEqual({ code: s.code, signal: s.signal }, { code: null, signal: 'SIGKILL' });
  assert.equal(s.stderr.toString(), '');
});

test('go ending by SIGQUIT: exit 2 after its dump, or death by SIGABRT with GOTRACEBACK=crash; the shim alike', { timeout: 60_000 }, async () => {
  for (const [traceback, expected] of [
    ['all', { code: 2, signal: null }],
    ['crash', { code: null, signal: 'SIGABRT' }],
  ] as const) {
    const ends = [];
    for (const goBinary of [REAL_GO, SHIM_GO]) {
      const env = { ...downloadEnv(), GOTRACEBACK: traceback };
      const w = await startWaiting(goBinary, { env });
      process.kill(goBinary === SHIM_GO ? goBelow(w.pid) : w.pid, 'SIGQUIT');
      const r = await w.result;
      // Go 1.23+ writes `goroutine 1 gp=0x… m=… mp=0x… [state]:`; older ones `goroutine 1 [state]:`.
      assert.match(r.stderr.toString(), /^goroutine 1 (?:gp=\S+ m=\S+ (?:mp=\S+ )?)?\[/m, 'the goroutine dump came through');
      ends.push({ code: r.code, signal: r.signal });
    }
    assert.deepEqual(ends, [expected, expected], `GOTRACEBACK=${traceback}`);
  }
});

test('SIGTERM at any moment of start-up ends the shim by SIGTERM and leaves no go behind', { timeout: 60_000 }, async () => {
  for (const delayMs of [0, 5, 15, 30, 50, 80, 120, 200]) {
    const marker = `example.com/early${randomUUID().slice(0, 8)}`;
    const result = run(SHIM_GO, ['mod', 'download', `${marker}@v1.0.0`], {
      cwd: app,
      env: downloadEnv(),
      onSpawn: (pid) => void sleep(delayMs).then(() => process.kill(pid, 'SIGTERM')),
      timeoutMs: 30_000,
    });
    try {
      const r = await result;
      assert.deepEqual({ code: r.code, signal: r.signal }, { code: null, signal: 'SIGTERM' }, `SIGTERM after ${delayMs} ms`);
      assert.ok(await waitUntil(() => pidsWithArgument(marker).length === 0, LOAD_SLACK_MS), `a go was left after SIGTERM at ${delayMs} ms`);
    } finally {
      killAll(pidsWithArgument(marker));
    }
  }
});
