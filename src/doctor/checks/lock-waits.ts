// go commands blocked right now on a file lock in this module cache (go env GOMODCACHE) that
// someone else holds. Waits on other caches (another user's, another project's GOMODCACHE,
// a test's) are not this cache's trouble and are left out.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lockedFileOf } from '../../monitor/locked-file';
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

/** The cache folder as the kernel names open files: symlinks resolved. */
function realFolder(dir: string): string {
  try {
    return fs.realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}

const inside = (file: string, dir: string) => file === dir || file.startsWith(dir.endsWith('/') ? dir : `${dir}/`);

export const lockWaitsCheck: Check = async (ctx) => {
  if (!HAS_PROCFS) return { name: 'lock waits', status: 'pass', detail: 'not checked (no /proc on this system)' };
  const modcache = ctx.goEnv?.GOMODCACHE;
  if (!modcache) return { name: 'lock waits', status: 'pass', detail: 'not checked (go env did not name GOMODCACHE)' };
  const cache = realFolder(modcache);
  const goPids = new Set([...readProcessTable().values()].filter((p) => p.comm === 'go').map((p) => p.pid));
  const locks = parseLocks(fs.readFileSync('/proc/locks', 'latin1'));
  const waits = locks.filter((l) => l.waiting && goPids.has(l.pid)).filter((l) => inside(lockedFileOf(l.pid, l.fileId) ?? '', cache));
  if (waits.length === 0) return { name: 'lock waits', status: 'pass', detail: `no go process waiting on a file lock in ${modcache}` };
  const lines = waits.map((w) => {
    const holder = locks.find((l) => l.id === w.id && !l.waiting);
    return `go pid ${w.pid} (${argv(w.pid)}) waits for a lock held by ${holder ? `pid ${holder.pid} (${argv(holder.pid)})` : 'an unknown process'}`;
  });
  const holders = [...new Set(waits.map((w) => locks.find((l) => l.id === w.id && !l.waiting)?.pid).filter((p): p is number => p !== undefined))];
  return {
    name: 'lock waits',
    status: 'fail',
    detail: lines.join('; '),
    fix: holders.length ? `if the holder is stuck: kill ${holders.join(' ')}` : 'find the holder with: cat /proc/locks',
  };
};
