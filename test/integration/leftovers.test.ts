// Issue 2: when a watched run ends, no process that go started is left running
// (CONTRACT.md, "Transparency"). goprog starts `sleep 300` holding its stdout and
// stderr; we check by pid that both it and the program are gone.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { LOAD_SLACK_MS } from '../helpers/bounds';
import { GOPROG } from '../helpers/compare';
import { childrenOf, killAll, waitUntil } from '../helpers/processes';
import { isRunning, SHIM_GO, tempDir, testEnv } from '../helpers/shim';

/** The shim's grace between SIGTERM and SIGKILL for what a run left behind, and their exit under load. */
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
 * A child subreaper (PR_SET_CHILD_SUBREAPER, as systemd --user is) that runs a command
 * in a process group of its own and exits as it does: orphans below it come to it, not init.
 */
const UNDER_SUBREAPER = [
  'python3',
  '-c',
  [
    'import ctypes, os, sys',
    'ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)',
    'pid = os.fork()',
    'if pid == 0:',
    '    os.setpgid(0, 0)',
    '    os.execv(sys.argv[1], sys.argv[1:])',
    'sys.exit(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))',
  ].join('\n'),
];

/**
 * `go run . MODE` through the shim, until goprog has printed its pid and its child's. The shim
 * leads its own process group, as every job does in a shell with job control (detached).
 */
function startGoprog(mode: 'spawn-wait' | 'spawn-exit' | 'spawn-escape', under: string[] = []): Promise<Started> {
  return new Promise((resolve, reject) => {
    const [file, ...args] = [...under, SHIM_GO, 'run', '.', mode];
    const shim = spawn(file, args, { cwd: GOPROG, env, stdio: ['ignore', 'pipe', 'pipe'], detached: under.length === 0 });
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

test('a run that ends normally leaves no child behind, even one holding go\'s stdout and stderr', { timeout: 60_000 }, async () => {
  const { pids, ended } = await startGoprog('spawn-exit');
  try {
    // goprog returned at once; its sleep was orphaned too fast for any periodic look.
    assert.deepEqual(await ended, { code: 0, signal: null });
  } finally {
    await assertAllGone(pids);
  }
});

// (Not SIGINT: `go run` shields itself from it and waits for its program, as without the shim.)
test('an orphan re-parented to a subreaper above the shim (systemd --user, say) is ended too', { timeout: 60_000 }, async () => {
  const { pids, ended } = await startGoprog('spawn-exit', UNDER_SUBREAPER);
  try {
    assert.deepEqual(await ended, { code: 0, signal: null });
  } finally {
    await assertAllGone(pids);
  }
});

for (const sig of ['SIGTERM', 'SIGHUP'] as const) {
  test(`${sig} to the shim: go, the program it runs and the program's child all end`, { timeout: 60_000 }, async () => {
    const { shim, pids, ended } = await startGoprog('spawn-wait');
    const go = childrenOf(shim.pid!);
    try {
      shim.kill(sig);
      assert.deepEqual(await ended, { code: null, signal: sig });
    } finally {
      await assertAllGone([...go, ...pids]);
    }
  });
}

test('go killed outright (SIGKILL): its descendants are ended all the same', { timeout: 60_000 }, async () => {
  const { shim, pids, ended } = await startGoprog('spawn-wait');
  const go = childrenOf(shim.pid!);
  try {
    killAll(go);
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
