// Finding and ending the processes a test started, always by pid.
import * as fs from 'node:fs';

function parentOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/** Every live process below pid (children, grandchildren, …). */
export function descendantPids(pid: number): number[] {
  const all = fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number);
  const found: number[] = [];
  let frontier = [pid];
  while (frontier.length > 0) {
    const next = all.filter((p) => frontier.includes(parentOf(p) ?? -1));
    found.push(...next);
    frontier = next;
  }
  return found;
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/**
 * SIGKILL for pid and everything below it. The tree is frozen first (SIGSTOP), so no
 * child is born or re-parented between listing and killing.
 */
export function killTree(pid: number): void {
  signal(pid, 'SIGSTOP');
  const tree = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of descendantPids(pid)) {
      if (tree.has(p)) continue;
      signal(p, 'SIGSTOP');
      tree.add(p);
      grew = true;
    }
  }
  for (const p of tree) signal(p, 'SIGKILL');
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
