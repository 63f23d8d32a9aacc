// go and every descendant, as the snapshot shows them: what each runs, where it sleeps in
// the kernel, what it has used, which connections and file locks it holds or waits on.
import * as fs from 'node:fs';
import { lockFileId } from '../monitor/locked-file';
import { type FileLock, parseLocks } from '../monitor/locks';
import { parseNetTcp, type TcpSocket } from '../monitor/net-tcp';
import { readProcText } from '../monitor/proc-read';
import { descendantsOf, type ProcessTable, readTree } from '../monitor/process-table';
import { type ProcIo, parseCmdline, parseIo } from '../monitor/procfs';
import { redactArgv } from '../redact';

const MS_PER_TICK = 10; // USER_HZ is 100 on Linux

export interface SocketInfo {
  local: string;
  remote: string;
  state: string;
  tx_queue: number;
  rx_queue: number;
}

export interface LockInfo {
  file: string | null;
  access: string;
  kind: string;
  /** holds: this process has the lock; waits: it is blocked until other_pids let go */
  role: 'holds' | 'waits';
  other_pids: number[];
  other_argv: string[][];
}

export interface ProcessInfo {
  pid: number;
  ppid: number;
  argv: string[];
  state: string;
  wchan: string | null;
  cpu_ms: number;
  started_ms_ago: number | null;
  io: ProcIo | null;
  sockets: SocketInfo[];
  locks: LockInfo[];
}

function argvOf(pid: number): string[] {
  return redactArgv(parseCmdline(readProcText(`/proc/${pid}/cmdline`) ?? ''));
}

/** fd number → link target ("socket:[123]", "/path/file", …). */
function fdTargets(pid: number): Map<string, string> {
  const out = new Map<string, string>();
  let fds: string[] = [];
  try {
    fds = fs.readdirSync(`/proc/${pid}/fd`);
  } catch {
    return out;
  }
  for (const fd of fds) {
    try {
      out.set(fd, fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
    } catch {
      // closed meanwhile
    }
  }
  return out;
}

function lockedFilePath(pid: number, id: string, fds: Map<string, string>): string | null {
  for (const [fd, target] of fds) {
    if (!target.startsWith('/')) continue;
    try {
      const st = fs.statSync(`/proc/${pid}/fd/${fd}`);
      if (lockFileId(st.dev, st.ino) === id) return target;
    } catch {
      // gone
    }
  }
  return null;
}

function locksOf(pid: number, all: FileLock[], fds: Map<string, string>): LockInfo[] {
  const out: LockInfo[] = [];
  for (const lock of all.filter((l) => l.pid === pid)) {
    const sameLock = all.filter((l) => l.id === lock.id && l !== lock);
    const others = lock.waiting ? sameLock.filter((l) => !l.waiting) : sameLock.filter((l) => l.waiting);
    const otherPids = [...new Set(others.map((l) => l.pid).filter((p) => p > 0))];
    out.push({
      file: lockedFilePath(pid, lock.fileId, fds),
      access: lock.access,
      kind: lock.kind,
      role: lock.waiting ? 'waits' : 'holds',
      other_pids: otherPids,
      other_argv: otherPids.map(argvOf),
    });
  }
  return out;
}

function socketsOf(fds: Map<string, string>, tcp: Map<number, TcpSocket>): SocketInfo[] {
  const out: SocketInfo[] = [];
  for (const target of fds.values()) {
    const m = /^socket:\[(\d+)\]$/.exec(target);
    const s = m ? tcp.get(Number(m[1])) : undefined;
    if (s) out.push({ local: s.local, remote: s.remote, state: s.state, tx_queue: s.txQueue, rx_queue: s.rxQueue });
  }
  return out;
}

function bootTimeMs(): number | null {
  const uptime = readProcText('/proc/uptime');
  return uptime ? Date.now() - Number(uptime.split(' ')[0]) * 1000 : null;
}

/** Describes go (rootPid) and every descendant. Linux only; elsewhere, an empty list. */
export function describeProcessTree(rootPid: number, table: ProcessTable = readTree(rootPid)): ProcessInfo[] {
  const root = table.get(rootPid);
  if (!root) return [];
  const tcp = new Map<number, TcpSocket>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) for (const s of parseNetTcp(readProcText(file) ?? '')) tcp.set(s.inode, s);
  const locks = parseLocks(readProcText('/proc/locks') ?? '');
  const boot = bootTimeMs();
  return [root, ...descendantsOf(table, rootPid)].map((p) => {
    const fds = fdTargets(p.pid);
    const wchan = readProcText(`/proc/${p.pid}/wchan`);
    return {
      pid: p.pid,
      ppid: p.ppid,
      argv: argvOf(p.pid),
      state: p.state,
      wchan: wchan && wchan !== '0' ? wchan : null,
      cpu_ms: p.cpuTicks * MS_PER_TICK,
      started_ms_ago: boot === null ? null : Math.round(Date.now() - (boot + p.startTime * MS_PER_TICK)),
      io: parseIo(readProcText(`/proc/${p.pid}/io`) ?? ''),
      sockets: socketsOf(fds, tcp),
      locks: locksOf(p.pid, locks, fds),
    };
  });
}
