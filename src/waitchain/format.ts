// The wait chain in one line, for show, the markdown report and OTLP:
//   go 1234 → git 1240 (waits on child) → git-remote-https 1241 → helper 1250 (reads tty /dev/pts/3)
import { posix } from 'node:path';
import type { WaitEntry } from './types';

/** The program a process runs, as a person would call it: a script's name rather than its shell's. */
export function programName(argv: readonly string[]): string {
  const first = posix.basename(argv[0] ?? '?');
  const script = argv[1];
  if (/^(ba|da|z|k)?sh$|^python\d*(\.\d+)?$|^perl$|^node$/.test(first) && script?.startsWith('/')) return posix.basename(script);
  return first;
}

function what(e: WaitEntry): string {
  const w = e.waits_on;
  if (w.kind === 'socket' && w.peer) return `socket to ${w.peer}${w.peer_role && w.peer_role !== 'other' ? ` (${w.peer_role})` : ''}`;
  if (w.kind === 'lock' && w.holder_pid !== undefined) return 'waits for a lock';
  return w.detail;
}

export function formatChainEntry(e: WaitEntry): string {
  const role = e.role !== 'child' && e.role !== 'go' && e.role !== 'git' ? ` [${e.role}]` : '';
  return `${programName(e.argv)} ${e.pid}${role}`;
}

export function formatChain(chain: readonly WaitEntry[]): string {
  return chain
    .map((e) => {
      const note = what(e);
      return `${formatChainEntry(e)}${note ? ` (${note})` : ''}`;
    })
    .join(' → ');
}

export function chainLeaf(chain: readonly WaitEntry[] | undefined): WaitEntry | null {
  return chain && chain.length > 0 ? chain[chain.length - 1] : null;
}
