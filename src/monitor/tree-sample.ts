// One activity sample of go's process tree, from a process table read once per tick.
import * as fs from 'node:fs';
import type { ActivitySample } from './idle-detector';
import { descendantsOf, type ProcessTable, readTree } from './process-table';
import { parseIo } from './procfs';
import { waitedOnOutside } from './waited-on';

export function readIoBytes(pid: number): number {
  try {
    const io = parseIo(fs.readFileSync(`/proc/${pid}/io`, 'latin1'));
    return io ? io.rchar + io.wchar : 0;
  } catch {
    return 0; // gone, or not ours to read
  }
}

/**
 * The tree's cumulative CPU and I/O. Call with the table already read for this tick. A process's
 * CPU counts with that of the children it has reaped (cutime + cstime): a compile that starts and
 * ends between two samples is not lost, and a child reaped inside the tree moves its CPU to its
 * parent instead of taking it away. The front's checkpoints count the same.
 */
export function sampleTree(table: ProcessTable, goPid: number, outputBytes: number, at: number): ActivitySample {
  const go = table.get(goPid);
  const tree = go ? [go, ...descendantsOf(table, goPid)] : [];
  let cpuTicks = 0;
  let ioBytes = 0;
  const pids: number[] = [];
  for (const p of tree) {
    cpuTicks += p.cpuTicks + (p.reapedTicks ?? 0);
    ioBytes += readIoBytes(p.pid);
    pids.push(p.pid);
  }
  // A lock holder or pipe writer outside the tree that makes progress keeps go from being idle.
  const counted = new Set(pids);
  for (const holder of waitedOnOutside(counted)) {
    for (const p of readTree(holder).values()) {
      if (counted.has(p.pid)) continue;
      counted.add(p.pid);
      cpuTicks += p.cpuTicks + (p.reapedTicks ?? 0);
      ioBytes += readIoBytes(p.pid);
    }
  }
  return { at, cpuTicks, ioBytes, outputBytes, processKey: pids.sort((a, b) => a - b).join(',') };
}
