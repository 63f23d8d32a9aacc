// GOMODSHIM_HANG_AFTER / "hang_after": one limit for every watched command, or one per command
// with a default, each a Go duration or "auto" (learned from history, src/adaptive/).
//   env:  GOMODSHIM_HANG_AFTER=45s   or   GOMODSHIM_HANG_AFTER=mod=45s,build=5m,90s
//   file: "hang_after": "45s"         or   "hang_after": {"mod": "45s", "build": "5m", "default": "90s"}
// Keys are go subcommands (mod, build) or a subcommand and its verb (mod download, work sync).
import { parseGoDuration } from '../duration';
import type { Sourced } from './origin';

export type HangAfter = { kind: 'fixed'; ms: number } | { kind: 'auto' };

/** Every key people wrote, plus `default`, which is always there. */
export type HangAfterTable = Record<string, Sourced<HangAfter>>;

export const DEFAULT_KEY = 'default';
export const HANG_AFTER_FORMS = 'a positive Go duration (like 45s or 2m) or auto';

/** A positive Go duration or `auto`; null when it is neither. */
export function parseHangAfter(text: string): HangAfter | null {
  const t = text.trim();
  if (t === 'auto') return { kind: 'auto' };
  const ms = parseGoDuration(t);
  return ms !== null && ms > 0 ? { kind: 'fixed', ms } : null;
}

export function isHangAfterKey(key: string): boolean {
  return key === DEFAULT_KEY || /^[a-z][a-z0-9]*( [a-z][a-z0-9]*)?$/.test(key);
}

/**
 * The environment's form: `45s`, or `mod=45s,build=5m,90s` (a bare value is the default).
 * Returns key → value text, or null if any part is malformed: the variable is then ignored whole.
 */
export function splitHangAfterList(text: string): Record<string, string> | null {
  const entries: Record<string, string> = {};
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? DEFAULT_KEY : part.slice(0, eq).trim();
    const value = (eq < 0 ? part : part.slice(eq + 1)).trim();
    if (!isHangAfterKey(key) || key in entries || parseHangAfter(value) === null) return null;
    entries[key] = value;
  }
  return entries;
}

/** The entry for one run: `mod download`, else `mod`, else `default`. */
export function pickHangAfter(table: HangAfterTable, command: string, subcommand: string): { key: string; entry: Sourced<HangAfter> } {
  for (const key of [command, subcommand]) if (key && Object.hasOwn(table, key)) return { key, entry: table[key] };
  return { key: DEFAULT_KEY, entry: table[DEFAULT_KEY] };
}

export function formatHangAfter(value: HangAfter, written: string): string {
  return value.kind === 'auto' ? 'auto' : written;
}

/** Why this entry applies, for a run's record: "default 60s", "GOMODSHIM_HANG_AFTER=45s (env)", "config file: mod=45s". */
export function describeHangAfterEntry(key: string, entry: Sourced<HangAfter>): string {
  const { origin, written } = entry;
  if (origin.kind === 'default') return `default ${written}`;
  if (origin.kind === 'env') return key === DEFAULT_KEY ? `${origin.name}=${written} (env)` : `${origin.name}: ${key}=${written} (env)`;
  return `config file: ${key === DEFAULT_KEY ? 'hang_after' : key}=${written}`;
}
