// Words shared by show, the markdown report and OTLP for a snapshot's trigger and wait chain.
import { snapshotIsHang } from '../snapshot/is-hang';
import type { Snapshot } from '../snapshot/snapshot';
import { formatChainEntry } from './format';

export const USER_SNAPSHOT = 'snapshot taken on request (Ctrl-\\), not a hang';

/** How the snapshot came about: "detected", "SIGQUIT to the shim" (past the limit), or a user's snapshot. */
export function triggerText(s: Pick<Snapshot, 'trigger' | 'hung'>): string {
  if (!snapshotIsHang(s)) return USER_SNAPSHOT;
  return s.trigger === 'sigquit' ? 'SIGQUIT to the shim' : 'detected';
}

/** One line per chain entry: "go 1234 — waits on child", indented under the one that waits on it. */
export function chainLines(s: Pick<Snapshot, 'wait_chain'>): string[] {
  return (s.wait_chain ?? []).map((e, i) => {
    const w = e.waits_on;
    const extra = [
      w.peer ? `peer ${w.peer}${w.peer_role ? ` (${w.peer_role})` : ''}` : '',
      w.peer_setting ?? '',
      w.holder_pid !== undefined ? `holder pid ${w.holder_pid}` : '',
      e.in_tree ? '' : "outside go's tree",
    ].filter(Boolean);
    return `${'  '.repeat(i)}${i > 0 ? '└ ' : ''}${formatChainEntry(e)} — ${w.kind}: ${w.detail}${extra.length ? ` [${extra.join('; ')}]` : ''}`;
  });
}
