// The wait-for graph at hang time, followed from go to the leaf (docs/causes.md): for each
// process, what it waits on — a child, a socket, a pipe (and who holds its other end, on the
// whole machine), a tty, a file lock (and its holder), a sleep, the disk or the CPU — and on
// to the process that holds it up, until one waits on nothing we can follow.
import { classifyWait, type WaitKind } from '../monitor/wchan';
import { redactArgv } from '../redact';
import { describeProcessTree, type ProcessInfo } from '../snapshot/processes';
import type { PeerMap } from './peers';
import { liveChildren, type ProcView, readProcView } from './proc-view';
import { roleOf } from './roles';
import { hasKind, leaf, pipeStep, pollStep, type Step, socketStep } from './steps';
import type { WaitEntry } from './types';

const MAX_ENTRIES = 12;

export interface ChainInput {
  goPid: number;
  /** go's tree as the snapshot described it (sockets and locks resolved) */
  tree: ProcessInfo[];
  peers: PeerMap;
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
      return child === undefined
        ? leaf('unknown', `waits for a child that has already exited (${wchan})`)
        : { waits: { kind: 'child', detail: 'waits on child' }, next: child };
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
