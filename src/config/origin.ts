// Where a setting's value came from: `gomod-shim config` shows it, and a run's record says
// which hang limit applied and why.
export type Origin = { kind: 'default' } | { kind: 'file'; path: string } | { kind: 'env'; name: string };

export const DEFAULT_ORIGIN: Origin = { kind: 'default' };

/** A validated value with its origin and the text it was written as ("45s", "mod=45s"). */
export interface Sourced<T> {
  value: T;
  origin: Origin;
  written: string;
}

/** "default", "file /home/gopher/.config/gomod-shim/config.json", "env GOMODSHIM_ON_HANG". */
export function describeOrigin(origin: Origin): string {
  if (origin.kind === 'default') return 'default';
  return origin.kind === 'file' ? `file ${origin.path}` : `env ${origin.name}`;
}
