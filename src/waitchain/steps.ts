// The steps of the wait chain that need more than the wchan: which pipe a process reads and who
// writes it, which socket it waits on and who the peer is (docs/causes.md).
import type { ProcessInfo } from '../snapshot/processes';
import type { PeerMap } from './peers';
import { liveChildren, type ProcView, pipeEnds, readUnixSockets } from './proc-view';
import type { WaitEntry, WaitsOn } from './types';

export interface Step {
  waits: WaitsOn;
  next: number | null;
}

export function leaf(kind: WaitsOn['kind'], detail: string): Step {
  return { waits: { kind, detail }, next: null };
}

export function hasKind(view: ProcView, kind: string): boolean {
  return view.fds.some((f) => f.target.kind === kind);
}

// The pipe it reads: a read end whose writer is someone else, preferably not a process the
// chain came through (those hold the pipe's other end as a matter of course: stdin).
export function pipeStep(view: ProcView, chain: WaitEntry[]): Step {
  const before = new Set(chain.map((e) => e.pid));
  let fallback: Step | null = null;
  for (const fd of view.fds) {
    if (fd.target.kind !== 'pipe' || fd.access === 'write') continue;
    const inode = fd.target.inode;
    const writers = pipeEnds(inode)
      .filter((e) => e.pid !== view.pid && e.access !== 'read')
      .map((e) => e.pid);
    // The reader's own child first (git-remote-http reads its credential helper): a grandchild that
    // inherited the write end (the helper's `sleep`) may come first in pid order once pids wrap.
    const children = new Set(liveChildren(view.pid));
    const holder = writers.filter((p) => !before.has(p)).sort((a, b) => Number(children.has(b)) - Number(children.has(a)))[0];
    if (holder !== undefined) return { waits: { kind: 'pipe', detail: `reads pipe:[${inode}] (fd ${fd.fd})`, holder_pid: holder }, next: holder };
    fallback ??= leaf('pipe', `reads pipe:[${inode}] (fd ${fd.fd})${writers.length === 0 ? ', no writer left' : ''}`);
  }
  return fallback ?? leaf('pipe', 'reads a pipe');
}

// poll(2) with no socket: a process that talks to its child through pipes (git status and its
// fsmonitor hook) waits on the pipe's writer, or at least on the child.
export function pollStep(view: ProcView, chain: WaitEntry[]): Step | null {
  const pipe = pipeStep(view, chain);
  if (pipe.next !== null) return pipe;
  const child = liveChildren(view.pid)[0];
  return child === undefined ? null : { waits: { kind: 'child', detail: 'waits on child (polls its pipes)' }, next: child };
}

export function socketStep(view: ProcView, info: ProcessInfo | null, peers: PeerMap, before: Set<string>): Step | null {
  const all = (info?.sockets ?? []).filter((s) => s.state !== 'LISTEN' && !/^(0\.0\.0\.0|\[::\]):0$/.test(s.remote));
  const own = all.filter((s) => !before.has(`${s.local} ${s.remote}`));
  const remote = own.length > 0 ? own : all;
  const socket = remote.find((s) => s.state === 'ESTABLISHED') ?? remote.find((s) => s.state === 'SYN_SENT') ?? remote[0];
  if (socket) {
    const peer = peers.get(socket.remote);
    const detail = `${socket.state} to ${socket.remote}, unacked ${socket.tx_queue} B, unread ${socket.rx_queue} B`;
    return leafWith({
      kind: 'socket',
      detail,
      peer: socket.remote,
      peer_role: peer?.role ?? 'other',
      ...(peer ? { peer_setting: peer.setting } : {}),
      ...(peer?.routes ? { peer_routes: peer.routes } : {}),
    });
  }
  const unix = view.fds.filter((f) => f.target.kind === 'socket');
  if (unix.length > 0 && view.sshAuthSock) {
    const known = readUnixSockets();
    const named = unix.map((f) => (f.target.kind === 'socket' ? known.get(f.target.inode) : undefined)).find((s) => s?.path);
    if (!named || named.path === view.sshAuthSock) {
      return leafWith({
        kind: 'socket',
        detail: 'unix socket to the ssh agent',
        peer: view.sshAuthSock,
        peer_role: 'agent',
        peer_setting: `SSH_AUTH_SOCK=${view.sshAuthSock}`,
      });
    }
  }
  if (hasKind(view, 'tty') && view.fds.some((f) => f.target.kind === 'tty' && f.fd !== '0' && f.fd !== '1' && f.fd !== '2')) {
    const tty = view.fds.find((f) => f.target.kind === 'tty');
    return leaf('tty', `reads tty ${tty && tty.target.kind === 'tty' ? tty.target.path : ''}`.trim());
  }
  return null;
}

function leafWith(waits: WaitsOn): Step {
  return { waits, next: null };
}
