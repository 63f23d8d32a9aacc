// A snapshot of every process on the machine (Linux /proc), and the tree below one pid.
// Processes come and go between readdir and read: a vanished one is simply skipped.
import * as fs from 'node:fs';
import { type ProcStat, parseStat } from './procfs';

export type ProcessTable = Map<number, ProcStat>;

export const HAS_PROCFS = process.platform === 'linux' && fs.existsSync('/proc/self/stat');

export function readStat(pid: number): ProcStat | null {
  try {
    return parseStat(fs.readFileSync(`/proc/${pid}/stat`, 'latin1'));
  } catch {
    return null;
  }
}

export function readProcessTable(): ProcessTable {
  const table: ProcessTable = new Map();
  let names: string[];
  try {
    names = fs.readdirSync('/proc');
  } catch {
    return table;
  }
  for (const name of names) {
    const c = name.charCodeAt(0);
    if (c < 48 || c > 57) continue; // not a pid
    const stat = readStat(Number(name));
    if (stat) table.set(stat.pid, stat);
  }
  return table;
}

function childrenOf(pid: number): number[] | null {
  let tasks: string[];
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  const out: number[] = [];
  for (const tid of tasks) {
    try {
      // Children are listed under the thread that forked them: read every thread's file.
      for (const c of fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'latin1').split(' ')) if (c) out.push(Number(c));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' && tid === String(pid)) return null; // no CONFIG_PROC_CHILDREN
    }
  }
  return out;
}

/**
 * root and everything below it, read by walking /proc/PID/task/TID/children downwards:
 * O(tree) instead of O(machine), which keeps a twice-a-second sampler cheap. Falls back to a
 * full scan where the kernel has no children files.
 */
export function readTree(root: number): ProcessTable {
  const table: ProcessTable = new Map();
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    if (table.has(pid)) continue;
    const stat = readStat(pid);
    if (!stat) continue;
    const children = childrenOf(pid);
    if (children === null) return readProcessTable();
    table.set(pid, stat);
    queue.push(...children);
  }
  return table;
}

/** The direct children of pid (through children files, else a full scan). */
export function readChildren(pid: number): ProcessTable {
  const children = childrenOf(pid);
  if (children === null) {
    const all = readProcessTable();
    return new Map([...all].filter(([, p]) => p.ppid === pid));
  }
  const table: ProcessTable = new Map();
  for (const c of children) {
    const stat = readStat(c);
    if (stat) table.set(c, stat);
  }
  return table;
}

/** Every process below root in the table (root excluded), parents before children. */
export function descendantsOf(table: ProcessTable, root: number): ProcStat[] {
  const children = new Map<number, ProcStat[]>();
  for (const p of table.values()) {
    const list = children.get(p.ppid);
    if (list) list.push(p);
    else children.set(p.ppid, [p]);
  }
  const out: ProcStat[] = [];
  const queue = [root];
  const seen = new Set<number>([root]);
  while (queue.length > 0) {
    for (const child of children.get(queue.shift() as number) ?? []) {
      if (seen.has(child.pid)) continue;
      seen.add(child.pid);
      out.push(child);
      queue.push(child.pid);
    }
  }
  return out;
}
