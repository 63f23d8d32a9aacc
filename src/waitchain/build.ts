// The wait-for graph at hang time, followed from go to the leaf (docs/causes.md): for each
// process, what it waits on — a child, a socket, a pipe (and who holds its other end, on the
// whole machine), a tty, a file lock (and its holder), a sleep, the disk or the CPU — and on
// to the process that holds it up, until one waits on nothing we can follow.
import { classifyWait, type WaitKind } from '../monitor/wchan';
import { redactArgv } from '../redact';
import { describeProcessTree, type ProcessInfo } from '../snapshot/processes';
import type { PeerMap } from './peers';
import { liveChildren, pipeEnds, readProcView, readUnixSockets, type ProcView } from './proc-view';
import { roleOf } from './roles';
import type { WaitEntry, WaitsOn } from './types';

const MAX_ENTRIES = 12;

export interface ChainInput {
  goPid: number;
  /** go's tree as the snapshot described it (sockets and locks resolved) */
  tree: ProcessInfo[];
  peers: PeerMap;
}

interface Step {
  waits: WaitsOn;
  next: number | null;
}

export function buildWaitChain(input: ChainInput): WaitEntry[] {
  const inTree = new Set(input.tree.map((p) => p.pid));
  const chain: WaitEntry[] = [];
  let pid: number | null = input.goPid;
  while (pid !== null && chain.length < MAX_ENTRIES && !chain.some((e) => e.pid === pid)) {
    const view = readProcView(pid);
    if (!view) break;
    const info = input.tree.find((p) => p.pid === pid) ?? describeProcessTree(pid).find((p) => p.pid === pid) ?? null;
    const step = stepFrom(view, info, input.peers, chain, input.tree);
    const from = chain.at(-1) ?? null;
    let role = roleOf(view.argv, pid, input.goPid, inTree.has(pid), from);
    if (role === 'child' && step.waits.kind === 'tty') role = 'prompt';
    chain.push({ pid, ppid: view.ppid, argv: redactArgv(view.argv), role, in_tree: inTree.has(pid), cwd: view.cwd, waits_on: step.waits });
    pid = step.next;
  }
  return chain;
}

function hasKind(view: ProcView, kind: string): boolean {
  return view.fds.some((f) => f.target.kind === kind);
}

// Connections the processes before this one hold: a child that inherited one (git leaks its
// socket to the helpers it starts) does not wait on it.
function inherited(chain: WaitEntry[], tree: ProcessInfo[]): Set<string> {
  const pids = new Set(chain.map((e) => e.pid));
  return new Set(tree.filter((p) => pids.has(p.pid)).flatMap((p) => p.sockets.map((s) => `${s.local} ${s.remote}`)));
}

function stepFrom(view: ProcView, info: ProcessInfo | null, peers: PeerMap, chain: WaitEntry[], tree: ProcessInfo[]): Step {
  const kind: WaitKind = classifyWait({ state: view.state, wchans: view.wchans, hasTty: hasKind(view, 'tty'), hasSocket: hasKind(view, 'socket') });
  const wchan = view.wchans.find((w) => w && w !== '0') ?? '?';
  switch (kind) {
    case 'child': {
      const child = liveChildren(view.pid)[0];
      return child === undefined ? leaf('unknown', `waits for a child that has already exited (${wchan})`) : { waits: { kind: 'child', detail: 'waits on child' }, next: child };
    }
    case 'lock': {
      const lock = info?.locks.find((l) => l.role === 'waits');
      const holder = lock?.other_pids[0];
      const detail = `waits for a ${lock ? `${lock.access} ${lock.kind} ` : ''}lock on ${lock?.file ?? 'a file'}${holder === undefined ? ', no holder in /proc/locks' : ''}`;
      return { waits: { kind: 'lock', detail, ...(holder !== undefined ? { holder_pid: holder } : {}) }, next: holder ?? null };
    }
    case 'pipe':
      return pipeStep(view, chain);
    case 'fifo':
      return leaf('pipe', 'opens a FIFO that no one opens from the other side');
    case 'tty': {
      const tty = view.fds.find((f) => f.target.kind === 'tty');
      return leaf('tty', `reads tty ${tty && tty.target.kind === 'tty' ? tty.target.path : ''}`.trim());
    }
    case 'socket':
    case 'poll':
      return socketStep(view, info, peers, inherited(chain, tree)) ?? (kind === 'poll' ? pollStep(view, chain) : null) ?? leaf('unknown', `waits in ${wchan}`);
    case 'sleep':
      return leaf('sleep', 'sleeps (nanosleep)');
    case 'disk':
      return leaf('disk', `uninterruptible sleep in ${wchan} (disk or network filesystem)`);
    case 'cpu':
      return leaf('cpu', 'runs on the CPU');
    case 'stopped':
      return leaf('unknown', 'stopped (SIGSTOP or job control)');
    default:
      return leaf('unknown', `waits in ${wchan}`);
  }
}

function leaf(kind: WaitsOn['kind'], detail: string): Step {
  return { waits: { kind, detail }, next: null };
}

// The pipe it reads: a read end whose writer is someone else, preferably not a process the
// chain came through (those hold the pipe's other end as a matter of course: stdin).
function pipeStep(view: ProcView, chain: WaitEntry[]): Step {
  const before = new Set(chain.map((e) => e.pid));
  let fallback: Step | null = null;
  for (const fd of view.fds) {
    if (fd.target.kind !== 'pipe' || fd.access === 'write') continue;
    const inode = fd.target.inode;
    const writers = pipeEnds(inode).filter((e) => e.pid !== view.pid && e.access !== 'read').map((e) => e.pid);
    const holder = writers.find((p) => !before.has(p));
    if (holder !== undefined) return { waits: { kind: 'pipe', detail: `reads pipe:[${inode}] (fd ${fd.fd})`, holder_pid: holder }, next: holder };
    fallback ??= leaf('pipe', `reads pipe:[${inode}] (fd ${fd.fd})${writers.length === 0 ? ', no writer left' : ''}`);
  }
  return fallback ?? leaf('pipe', 'reads a pipe');
}

// poll(2) with no socket: a process that talks to its child through pipes (git status and its
// fsmonitor hook) waits on the pipe's writer, or at least on the child.
function pollStep(view: ProcView, chain: WaitEntry[]): Step | null {
  const pipe = pipeStep(view, chain);
  if (pipe.next !== null) return pipe;
  const child = liveChildren(view.pid)[0];
  return child === undefined ? null : { waits: { kind: 'child', detail: 'waits on child (polls its pipes)' }, next: child };
}

function socketStep(view: ProcView, info: ProcessInfo | null, peers: PeerMap, before: Set<string>): Step | null {
  const all = (info?.sockets ?? []).filter((s) => s.state !== 'LISTEN' && !/^(0\.0\.0\.0|\[::\]):0$/.test(s.remote));
  const own = all.filter((s) => !before.has(`${s.local} ${s.remote}`));
  const remote = own.length > 0 ? own : all;
  const socket = remote.find((s) => s.state === 'ESTABLISHED') ?? remote.find((s) => s.state === 'SYN_SENT') ?? remote[0];
  if (socket) {
    const peer = peers.get(socket.remote);
    const detail = `${socket.state} to ${socket.remote}, unacked ${socket.tx_queue} B, unread ${socket.rx_queue} B`;
    return leafWith({ kind: 'socket', detail, peer: socket.remote, peer_role: peer?.role ?? 'other', ...(peer ? { peer_setting: peer.setting } : {}), ...(peer?.routes ? { peer_routes: peer.routes } : {}) });
  }
  const unix = view.fds.filter((f) => f.target.kind === 'socket');
  if (unix.length > 0 && view.sshAuthSock) {
    const known = readUnixSockets();
    const named = unix.map((f) => (f.target.kind === 'socket' ? known.get(f.target.inode) : undefined)).find((s) => s?.path);
    if (!named || named.path === view.sshAuthSock) {
      return leafWith({ kind: 'socket', detail: 'unix socket to the ssh agent', peer: view.sshAuthSock, peer_role: 'agent', peer_setting: `SSH_AUTH_SOCK=${view.sshAuthSock}` });
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
