// Finding, watching and ending the processes a test started, always by pid (never by name).
import * as fs from 'node:fs';
import { isRunning } from './shim';

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until check() holds; false if it still does not after timeoutMs. */
export async function waitUntil(check: () => boolean, timeoutMs: number, everyMs = 20): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (check()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(everyMs);
  }
}

function parentOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

function allPids(): number[] {
  return fs
    .readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .map(Number);
}

/** Live pids whose parent is pid. */
export function childrenOf(pid: number): number[] {
  return allPids().filter((p) => parentOf(p) === pid && isRunning(p));
}

/** Every live process below pid (children, grandchildren, …). */
export function descendantPids(pid: number): number[] {
  const all = allPids();
  const found: number[] = [];
  let frontier = [pid];
  while (frontier.length > 0) {
    const next = all.filter((p) => frontier.includes(parentOf(p) ?? -1));
    found.push(...next);
    frontier = next;
  }
  return found;
}

/**
 * go below a shim (the front's one child that is not the watcher), or undefined. Not the lowest
 * pid: once pids wrap, the watcher started a second later may have it.
 */
export function goUnder(shimPid: number): number | undefined {
  const watchers = pidsWithArgument('watcher.js');
  const children = childrenOf(shimPid).filter((p) => !watchers.includes(p));
  return children.length === 1 ? children[0] : undefined;
}

/** Live pids whose command line contains marker (a unique string the test put there). */
export function pidsWithArgument(marker: string): number[] {
  const out: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (fs.readFileSync(`/proc/${name}/cmdline`, 'latin1').includes(marker) && isRunning(Number(name))) out.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Sends sig to each pid that is still there. */
export function killAll(pids: readonly number[], sig: NodeJS.Signals = 'SIGKILL'): void {
  for (const pid of pids) {
    try {
      process.kill(pid, sig);
    } catch {
      // already gone
    }
  }
}

/**
 * SIGKILL for pid and everything below it. The tree is frozen first (SIGSTOP), so no
 * child is born or re-parented between listing and killing.
 */
export function killTree(pid: number): void {
  killAll([pid], 'SIGSTOP');
  const tree = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of descendantPids(pid)) {
      if (tree.has(p)) continue;
      killAll([p], 'SIGSTOP');
      tree.add(p);
      grew = true;
    }
  }
  killAll([...tree]);
}

/** The command name of a process (/proc/PID/comm), or null once it is gone. */
export function commOf(pid: number): string | null {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return null;
  }
}

/** Is there any /proc entry for pid (running or a zombie not yet reaped)? */
export function pidExists(pid: number): boolean {
  return fs.existsSync(`/proc/${pid}`);
}

/** Polls check until it returns a value other than undefined/false; fails after timeoutMs. */
export async function waitFor<T>(what: string, check: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Bytes pid has written so far (/proc/PID/io wchar), or null once it is gone. */
export function bytesWritten(pid: number): number | null {
  try {
    const m = /^wchar:\s*(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/io`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}
