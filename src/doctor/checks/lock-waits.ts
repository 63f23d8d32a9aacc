// go commands blocked right now on a file lock someone else holds (the module cache lock).
import * as fs from 'node:fs';
import { parseLocks } from '../../monitor/locks';
import { HAS_PROCFS, readProcessTable } from '../../monitor/process-table';
import { parseCmdline } from '../../monitor/procfs';
import { redactArgv } from '../../redact';
import type { Check } from '../check';

function argv(pid: number): string {
  try {
    return redactArgv(parseCmdline(fs.readFileSync(`/proc/${pid}/cmdline`, 'latin1'))).join(' ');
  } catch {
    return '?';
  }
}

export const lockWaitsCheck: Check = async () => {
  if (!HAS_PROCFS) return { name: 'lock waits', status: 'pass', detail: 'not checked (no /proc on this system)' };
  const goPids = new Set([...readProcessTable().values()].filter((p) => p.comm === 'go').map((p) => p.pid));
  const locks = parseLocks(fs.readFileSync('/proc/locks', 'latin1'));
  const waits = locks.filter((l) => l.waiting && goPids.has(l.pid));
  if (waits.length === 0) return { name: 'lock waits', status: 'pass', detail: `${goPids.size} go process(es) running, none waiting on a file lock` };
  const lines = waits.map((w) => {
    const holder = locks.find((l) => l.id === w.id && !l.waiting);
    return `go pid ${w.pid} (${argv(w.pid)}) waits for a lock held by ${holder ? `pid ${holder.pid} (${argv(holder.pid)})` : 'an unknown process'}`;
  });
  const holders = [...new Set(waits.map((w) => locks.find((l) => l.id === w.id && !l.waiting)?.pid).filter((p): p is number => p !== undefined))];
  return { name: 'lock waits', status: 'fail', detail: lines.join('; '), fix: holders.length ? `if the holder is stuck: kill ${holders.join(' ')}` : 'find the holder with: cat /proc/locks' };
};
