// Whether a snapshot records a hang (docs/contract.md: Ctrl-\ is a user's snapshot, not a hang,
// unless the run had been idle past the limit). The idle detector's own trigger always is.
import type { Snapshot } from './snapshot';

export function isHang(trigger: Snapshot['trigger'], idleMs: number, limitMs: number): boolean {
  return trigger === 'idle' || idleMs >= limitMs;
}

/** A stored snapshot's verdict; snapshots from before the field was added were all hangs. */
export function snapshotIsHang(s: Pick<Snapshot, 'hung'>): boolean {
  return s.hung !== false;
}
