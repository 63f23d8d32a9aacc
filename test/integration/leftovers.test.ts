// What a watched run leaves behind (docs/contract.md, "Transparency"): after a run that ended on
// its own, go's processes are left as go alone leaves them (a daemon started on purpose keeps
// running); when the pid the caller started is killed outright, go goes with it, and so does what
// go started. goprog starts `sleep 300`; we check by pid.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { LOAD_SLACK_MS } from '../helpers/bounds';
import { GOPROG } from '../helpers/compare';
import { rawRuns } from '../helpers/database';
import { childrenOf, killAll, pidsWithArgument, waitFor, waitUntil } from '../helpers/processes';
import { isRunning, SHIM_GO, tempDir, testEnv } from '../helpers/shim';

/** The watcher's grace between SIGTERM and SIGKILL for what a run left behind, and their exit under load. */
const GONE_WITHIN_MS = 300 + LOAD_SLACK_MS;
const home = tempDir();
const env = testEnv(home, { GOMODSHIM_WATCH: 'all', PWD: GOPROG });

interface Started {
  shim: ChildProcess;
  /** goprog and its sleep, as goprog printed them. */
  pids: number[];
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * `go run . MODE` through the shim, until goprog has printed its pid and its child's. The shim
 * leads its own process group, as every job does in a shell with job control (detached).
 */
function startGoprog(mode: 'spawn-wait' | 'spawn-exit' | 'spawn-escape'): Promise<Started> {
  return new Promise((resolve, reject) => {
    const shim = spawn(SHIM_GO, ['run', '.', mode], { cwd: GOPROG, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => shim.on('exit', (code, signal) => r({ code, signal })));
    let out = '';
    let err = '';
    shim.stderr!.on('data', (b: Buffer) => (err += b.toString()));
    shim.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const line = /^(\d+) (\d+)\n/.exec(out);
      if (line) resolve({ shim, pids: [Number(line[1]), Number(line[2])], ended });
    });
    shim.on('error', reject);
    void ended.then(() => reject(new Error(`the run ended before goprog reported: ${out} ${err}`)));
  });
}

async function assertAllGone(pids: number[]): Promise<void> {
  try {
    const gone = await waitUntil(() => pids.every((pid) => !isRunning(pid)), GONE_WITHIN_MS);
    assert.ok(gone, `still running: ${pids.filter(isRunning).join(', ')}`);
  } finally {
    killAll(pids.filter(isRunning));
  }
}

test("a run that ends normally leaves go's processes as go alone does, and does not wait for them", { timeout: 60_000 }, async () => {
  const { pids, ended } = await startGoprog('spawn-exit');
  try {
    // goprog returned at once; its sleep holds go's stdout and stderr.
    assert.deepEqual(await ended, { code: 0, signal: null });
    assert.ok(isRunning(pids[1]), 'the sleep goprog left is still running, as without the shim');
  } finally {
    killAll(pids.filter(isRunning));
  }
});

for (const sig of ['SIGTERM', 'SIGHUP'] as const) {
  test(`${sig} to the shim ends go, and the shim by ${sig}`, { timeout: 60_000 }, async () => {
    const { shim, pids, ended } = await startGoprog('spawn-wait');
    const go = childrenOf(shim.pid!).filter((p) => !pidsWithArgument('watcher.js').includes(p));
    try {
      shim.kill(sig);
      assert.deepEqual(await ended, { code: null, signal: sig });
      await assertAllGone(go);
    } finally {
      killAll(pids.filter(isRunning));
    }
  });
}

test('the shim killed outright once the watcher runs: go, the program and its child all end', { timeout: 60_000 }, async () => {
  const { shim, pids, ended } = await startGoprog('spawn-wait');
  // The watcher starts beside go after about a second; it is the one that cleans up after a SIGKILL.
  // Its row in the database (nothing else writes one here) says it has learned go's tree.
  await waitFor('the watcher', () => rawRuns(env.GOMODSHIM_DB!).some((r) => r.status === 'running' && r.argv.includes('spawn-wait')), 20_000);
  const go = childrenOf(shim.pid!).filter((p) => !pidsWithArgument('watcher.js').includes(p));
  try {
    shim.kill('SIGKILL');
    assert.deepEqual(await ended, { code: null, signal: 'SIGKILL' });
  } finally {
    await assertAllGone([...go, ...pids]);
  }
});

test('a child that escaped (new session, born and orphaned between two looks) does not hold the shim up', { timeout: 60_000 }, async () => {
  // Beyond what the shim can find: it must still end, once go's stderr has gone quiet.
  const { pids, ended } = await startGoprog('spawn-escape');
  try {
    assert.deepEqual(await ended, { code: 0, signal: null });
  } finally {
    killAll(pids);
  }
});

test('in a shared process group (a script without job control), an orphan the script starts after go is not touched', { timeout: 60_000 }, async () => {
  const pidFile = path.join(home, 'unrelated.pid');
  // One group for all: a watched run fed for ~2 s, and, meanwhile, the script's own orphan.
  const script = 'sleep 2 | "$0" run . cat >/dev/null & sleep 0.5; ( sleep 60 & echo $! >"$1" ); wait';
  const sh = spawn('/bin/sh', ['-c', script, SHIM_GO, pidFile], { cwd: GOPROG, env, stdio: 'ignore' });
  const code = await new Promise<number | null>((resolve) => sh.on('exit', resolve));
  const unrelated = Number(fs.readFileSync(pidFile, 'utf8'));
  try {
    assert.equal(code, 0);
    assert.ok(isRunning(unrelated), "the script's own sleep outlived the watched run");
  } finally {
    killAll([unrelated]);
  }
});
