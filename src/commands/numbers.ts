// Numbers on our command line: plain decimal digits only (no `0x1`, `+1`, ` 3`, `1e3`), checked
// against their range before use, so that a typo is one usage line (exit 2), never a RangeError
// or a database error (docs/contract.md, "History": CLI exit codes).
import { UsageError } from './command';

/** A whole number written in decimal, from min to max (both within Number.MAX_SAFE_INTEGER). */
export function decimal(what: string, raw: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const text = String(raw);
  if (!/^[0-9]+$/.test(text)) throw new UsageError(`${what} takes a whole number written in decimal, not ${JSON.stringify(text)}`);
  const n = BigInt(text);
  if (n < BigInt(min) || n > BigInt(max)) throw new UsageError(`${what} takes a number from ${min} to ${max}, not ${text}`);
  return Number(n);
}

/** A run ID as `history` prints it: `12` or `#12`. */
export function runId(raw: unknown): number {
  const text = String(raw);
  return decimal('a run ID', text.startsWith('#') ? text.slice(1) : text, 1);
}
