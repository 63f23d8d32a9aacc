// Another process holding a file lock, as a second go command stuck with the module cache lock
// would: `flock FILE sleep 300` (util-linux flock takes an flock(2) lock, the kind go's
// lockedfile uses on Linux, and keeps it while its child sleeps).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { parseLocks } from '../../src/monitor/locks';
import { LOAD_SLACK_MS } from './bounds';
import { childrenOf, killAll, waitUntil } from './processes';
import { isRunning } from './shim';

export interface LockHolder {
  pid: number; // flock: the pid /proc/locks names
  argv: string[];
  /** flock and its sleep, while they run. */
  pids(): number[];
  /** Ends the holder (sleep first, so that it is not orphaned) and waits until both are gone. */
  release(): Promise<void>;
}

export async function holdLock(file: string): Promise<LockHolder> {
  const argv = ['flock', file, 'sleep', '300'];
  const child = spawn(argv[0], argv.slice(1), { stdio: 'ignore' });
  const pid = child.pid;
  if (pid === undefined) throw new Error('flock did not start');
  const holds = () => parseLocks(fs.readFileSync('/proc/locks', 'utf8')).some((l) => l.pid === pid && !l.waiting);
  const sleeping = () => childrenOf(pid).length > 0;
  if (!(await waitUntil(() => holds() && sleeping(), LOAD_SLACK_MS))) {
    child.kill('SIGKILL');
    throw new Error(`flock ${file} did not take the lock`);
  }
  let known = [pid, ...childrenOf(pid)];
  return {
    pid,
    argv,
    pids: () => known.filter(isRunning),
    release: async () => {
      known = [...new Set([...known, ...childrenOf(pid)])];
      killAll(known.filter((p) => p !== pid));
      killAll([pid]);
      if (!(await waitUntil(() => known.every((p) => !isRunning(p)), LOAD_SLACK_MS))) throw new Error('the lock holder did not end');
    },
  };
}
