// Processes outside go's tree that go (or its child) waits on: the holder of a file lock it
// waits for, the writer of a pipe it reads (docs/contract.md "Hang detection": their progress is go's).
// Looked up only when a process of the tree actually waits on a lock or a pipe, so the common
// sample stays one read of /proc/locks; the machine-wide pipe search runs only when no process
// of the tree holds the pipe's write end itself.
import * as fs from 'node:fs';
import { parseFdinfoAccess, parseFdLink } from './fd-links';
import { parseLocks } from './locks';
import { listProcDir, readProcText } from './proc-read';
import { classifyWait } from './wchan';

/** fd → pipe inode, for the pipes pid has open for reading (or writing). */
function pipesOf(pid: number, want: 'read' | 'write'): number[] {
  const out: number[] = [];
  for (const fd of listProcDir(`/proc/${pid}/fd`)) {
    let link: string;
    try {
      link = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      continue;
    }
    const target = parseFdLink(link);
    if (target.kind !== 'pipe') continue;
    const access = parseFdinfoAccess(readProcText(`/proc/${pid}/fdinfo/${fd}`) ?? '');
    if (access === want || access === 'readwrite' || access === null) out.push(target.inode);
  }
  return out;
}

function lockHolders(treePids: ReadonlySet<number>): number[] {
  const text = readProcText('/proc/locks') ?? '';
  // Waiters are the "->" lines: without one on the machine, nobody of the tree waits (the usual case).
  if (!text.includes('->')) return [];
  const locks = parseLocks(text);
  const waited = new Set(locks.filter((l) => l.waiting && treePids.has(l.pid)).map((l) => l.id));
  return locks.filter((l) => waited.has(l.id) && !l.waiting && l.pid > 0 && !treePids.has(l.pid)).map((l) => l.pid);
}

// The machine-wide search costs tens of milliseconds under load: at most one per RESCAN_MS for
// the same pipes (a held pipe is held for minutes; a sample every 500 ms need not look again).
const RESCAN_MS = 5000;
let lastScan: { key: string; at: number; writers: number[] } | null = null;

function pipeWriters(treePids: ReadonlySet<number>, now: number): number[] {
  const readers = [...treePids].filter((pid) => {
    const wchan = readProcText(`/proc/${pid}/wchan`) ?? '';
    return classifyWait({ state: 'S', wchans: [wchan], hasTty: false, hasSocket: false }) === 'pipe';
  });
  if (readers.length === 0) return [];
  const wanted = new Set(readers.flatMap((pid) => pipesOf(pid, 'read')));
  for (const pid of treePids) for (const inode of pipesOf(pid, 'write')) if (!readers.includes(pid)) wanted.delete(inode);
  if (wanted.size === 0) return [];
  const key = [...wanted].sort().join(',');
  if (lastScan && lastScan.key === key && now - lastScan.at < RESCAN_MS) return lastScan.writers.filter((pid) => !treePids.has(pid));
  const out: number[] = [];
  for (const name of listProcDir('/proc')) {
    if (!/^\d+$/.test(name) || treePids.has(Number(name))) continue;
    if (pipesOf(Number(name), 'write').some((inode) => wanted.has(inode))) out.push(Number(name));
  }
  lastScan = { key, at: now, writers: out };
  return out;
}

/** The pids outside the tree whose progress counts as the tree's. */
export function waitedOnOutside(treePids: ReadonlySet<number>, now = Date.now()): number[] {
  return [...new Set([...lockHolders(treePids), ...pipeWriters(treePids, now)])];
}
