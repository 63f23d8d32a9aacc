// A snapshot of every process on the machine (Linux /proc), and the tree below one pid.
// Processes come and go between readdir and read: a vanished one is simply skipped.
import * as fs from 'node:fs';
import { parseStat, type ProcStat } from './procfs';

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
