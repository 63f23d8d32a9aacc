// A planned change to the user's files: worked out first, for every file, so that a
// problem anywhere stops the command before anything is touched; then applied in order.

export type Verb = 'created' | 'edited' | 'replaced' | 'removed' | 'unchanged' | 'kept';

export interface Change {
  verb: Verb;
  path: string;
  /** What exactly, in a few words. */
  note?: string;
  /** Does it; absent when there is nothing to do. */
  apply?: () => void;
}

const DRY_RUN_VERBS: Record<Verb, string> = {
  created: 'would create',
  edited: 'would edit',
  replaced: 'would replace',
  removed: 'would remove',
  unchanged: 'unchanged',
  kept: 'would keep',
};

export function isNoOp(change: Change): boolean {
  return change.verb === 'unchanged' || change.verb === 'kept';
}

export function applyAll(changes: readonly Change[]): void {
  for (const change of changes) change.apply?.();
}

/** One line per change: `  edited     /home/me/.bashrc  (added the gomod-shim block)`. */
export function formatChanges(changes: readonly Change[], dryRun: boolean): string {
  const verbs = changes.map((c) => (dryRun ? DRY_RUN_VERBS[c.verb] : c.verb));
  const width = Math.max(0, ...verbs.map((v) => v.length));
  return changes.map((c, i) => `  ${verbs[i]!.padEnd(width)}  ${c.path}${c.note ? `  (${c.note})` : ''}\n`).join('');
}
