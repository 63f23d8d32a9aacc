// The settings shim/go (POSIX sh) decides before any Node.js starts: GOMODSHIM_DISABLE and
// GOMODSHIM_WATCH. The same rules here, so that `gomod-shim config` reports what the shim does,
// and so that a watched run knows whether the shim printed its one warning line already.
import { DEFAULTS } from './resolve';

const DISABLE_ON = new Set(['1', 'true', 'yes', 'on']);
const DISABLE_OFF = new Set(['', '0', 'false', 'no', 'off']);

/** GOMODSHIM_DISABLE as shim/go reads it: on, off, or not understood (→ off, with a warning). */
export function readDisable(env: NodeJS.ProcessEnv): { disabled: boolean; warning: string | null } {
  const raw = env.GOMODSHIM_DISABLE ?? '';
  const value = raw.toLowerCase();
  if (DISABLE_ON.has(value)) return { disabled: true, warning: null };
  if (DISABLE_OFF.has(value)) return { disabled: false, warning: null };
  return { disabled: false, warning: `GOMODSHIM_DISABLE=${raw} is not 1/true/yes/on nor 0/false/no/off; watching as usual` };
}

/** GOMODSHIM_WATCH as shim/go reads it: the list, or the default with a warning. */
export function readWatch(env: NodeJS.ProcessEnv): { watch: string; fromEnv: boolean; warning: string | null } {
  const raw = env.GOMODSHIM_WATCH ?? '';
  if (raw === '') return { watch: DEFAULTS.watch, fromEnv: false, warning: null };
  if (/^[a-z0-9, ]*$/.test(raw)) return { watch: raw, fromEnv: true, warning: null };
  return { watch: DEFAULTS.watch, fromEnv: false, warning: `GOMODSHIM_WATCH=${raw} is not a comma-separated list of go subcommands; using ${DEFAULTS.watch}` };
}

/** Did shim/go print a warning line of its own for this environment? Then the run's one line is spent. */
export function shellWarned(env: NodeJS.ProcessEnv): boolean {
  return readDisable(env).warning !== null || readWatch(env).warning !== null;
}
