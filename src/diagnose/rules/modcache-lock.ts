// go blocked in flock on a module-cache file another process holds (docs/causes.md: modcache-lock).
import { formatDuration } from '../../duration';
import type { Rule } from '../rule';

export const modcacheLock: Rule = {
  cause: 'modcache-lock',
  diagnose(f) {
    const waits = f.snapshot.processes.flatMap((p) => p.locks.filter((l) => l.role === 'waits').map((l) => ({ p, l })));
    const lockFrames = f.inStack('lockedfile.', 'syscall.Flock', 'modfetch.lockVersion');
    if (waits.length === 0 && !lockFrames) return null;
    const { p, l } = waits[0] ?? { p: f.go, l: null };
    const holder = l?.other_pids[0];
    const holderCmd = l?.other_argv[0]?.join(' ') || 'another process';
    const holderInfo = holder !== undefined ? `pid ${holder} (${holderCmd})` : 'another process';
    const file = l?.file ?? 'a module cache lock file';
    const age = f.snapshot.processes.find((q) => q.pid === holder)?.started_ms_ago;
    return {
      cause: 'modcache-lock',
      summary: `go is waiting for the module cache lock ${file}, held by ${holderInfo}`,
      evidence: [
        ...(l ? [`pid ${p?.pid} waits for a ${l.access} ${l.kind} lock on ${file} (/proc/locks)`] : []),
        ...(holder !== undefined ? [`the holder, pid ${holder}, runs: ${holderCmd}${age ? ` (for ${formatDuration(age)})` : ''}`] : []),
        ...(lockFrames ? ['goroutine stack is in lockedfile / syscall.Flock'] : []),
      ],
      suggestions: [
        ...(holder !== undefined ? [`see what holds it: ps -o pid,etime,args -p ${holder}; if it is stuck too, end it: kill ${holder}`] : []),
        'then run your command again',
        'a module cache on NFS without a lock manager also blocks here: set GOMODCACHE to a local disk',
      ],
    };
  },
};
