// What the wait chain reads about a process, from the live /proc, at hang time only (a few
// hundred small reads; the pipe search walks every process's descriptors).
import * as fs from 'node:fs';
import { type FdAccess, type FdTarget, parseFdinfoAccess, parseFdLink } from '../monitor/fd-links';
import { parseNetUnix, type UnixSocket } from '../monitor/net-unix';
import { listProcDir, readProcText } from '../monitor/proc-read';
import { readChildren, readStat } from '../monitor/process-table';
import { parseCmdline } from '../monitor/procfs';

export interface OpenFd {
  fd: string;
  target: FdTarget;
  access: FdAccess | null;
}

export interface ProcView {
  pid: number;
  ppid: number;
  state: string;
  startTime: number;
  argv: string[]; // NOT redacted: the caller redacts
  wchans: string[];
  fds: OpenFd[];
  cwd: string | null;
  /** SSH_AUTH_SOCK from the process's own environment (an ssh talks to that agent) */
  sshAuthSock: string | null;
}

function link(file: string): string | null {
  try {
    return fs.readlinkSync(file);
  } catch {
    return null;
  }
}

export function readFds(pid: number, withAccess: boolean): OpenFd[] {
  const out: OpenFd[] = [];
  for (const fd of listProcDir(`/proc/${pid}/fd`)) {
    const target = link(`/proc/${pid}/fd/${fd}`);
    if (target === null) continue;
    const parsed = parseFdLink(target);
    const access = withAccess && parsed.kind === 'pipe' ? parseFdinfoAccess(readProcText(`/proc/${pid}/fdinfo/${fd}`) ?? '') : null;
    out.push({ fd, target: parsed, access });
  }
  return out;
}

export function readThreadWchans(pid: number): string[] {
  const main = readProcText(`/proc/${pid}/wchan`) ?? '';
  const threads = listProcDir(`/proc/${pid}/task`).filter((t) => t !== String(pid));
  return [main, ...threads.map((t) => readProcText(`/proc/${pid}/task/${t}/wchan`) ?? '')];
}

export function readProcView(pid: number): ProcView | null {
  const stat = readStat(pid);
  if (!stat) return null;
  const environ = readProcText(`/proc/${pid}/environ`) ?? '';
  const agent = /(?:^|\0)SSH_AUTH_SOCK=([^\0]*)/.exec(environ);
  return {
    pid,
    ppid: stat.ppid,
    state: stat.state,
    startTime: stat.startTime,
    argv: parseCmdline(readProcText(`/proc/${pid}/cmdline`) ?? ''),
    wchans: readThreadWchans(pid),
    fds: readFds(pid, true),
    cwd: link(`/proc/${pid}/cwd`),
    sshAuthSock: agent ? agent[1] : null,
  };
}

export function liveChildren(pid: number): number[] {
  return [...readChildren(pid).values()]
    .filter((p) => p.state !== 'Z')
    .sort((a, b) => b.startTime - a.startTime)
    .map((p) => p.pid);
}

/** Every process with the pipe open, and how (read or write end): the whole machine, not go's tree. */
export function pipeEnds(inode: number): { pid: number; access: FdAccess | null }[] {
  const out: { pid: number; access: FdAccess | null }[] = [];
  for (const name of listProcDir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    for (const fd of listProcDir(`/proc/${name}/fd`)) {
      if (link(`/proc/${name}/fd/${fd}`) !== `pipe:[${inode}]`) continue;
      out.push({ pid: Number(name), access: parseFdinfoAccess(readProcText(`/proc/${name}/fdinfo/${fd}`) ?? '') });
    }
  }
  return out;
}

export function readUnixSockets(): Map<number, UnixSocket> {
  return new Map(parseNetUnix(readProcText('/proc/net/unix') ?? '').map((s) => [s.inode, s]));
}
