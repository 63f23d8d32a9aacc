// Relative times for people ("3m ago"), and --since values for machines.
import { parseGoDuration } from '../duration';

const UNITS: [string, number][] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
];

export function relativeTime(iso: string, now: number): string {
  const ms = now - Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  if (ms < 5000) return 'just now';
  if (ms >= 30 * 86_400_000) return iso.slice(0, 10);
  for (const [unit, size] of UNITS) if (ms >= size) return `${Math.floor(ms / size)}${unit} ago`;
  return 'just now';
}

/**
 * `--since 2h`, `7d`, `1w`, `90m`, `1h30m` (ago), or a date / date-time (`2026-11-01`,
 * `2026-11-01T08:00:00Z`). A date without a zone is local time, as people mean it.
 * Returns an ISO 8601 instant, or null when it is neither.
 */
export function parseSince(text: string, now: number): string | null {
  const s = text;
  const days = /^(\d+)([dw])$/.exec(s);
  if (days) return instant(now - Number(days[1]) * (days[2] === 'w' ? 7 : 1) * 86_400_000);
  const ms = /^\s|\s$/.test(s) ? null : parseGoDuration(s);
  if (ms !== null) return instant(now - ms);
  const date = /^(\d{4})-(\d{2})-(\d{2})([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (!date) return null;
  // Date.parse rolls 2026-02-30 over to March 2: a day that does not exist is refused.
  const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  // ECMAScript reads a bare date as UTC midnight but a date-time without a zone as local time.
  const at = date[4] === undefined ? new Date(year, month - 1, day).getTime() : Date.parse(s);
  return instant(at);
}

/** ECMAScript dates span ±100 million days (and ISO years 0000–9999 print plainly): beyond is no date. */
const LATEST_MS = Date.UTC(9999, 11, 31);
const EARLIEST_MS = Date.parse('0000-01-01T00:00:00Z');

function instant(ms: number): string | null {
  return Number.isFinite(ms) && ms >= EARLIEST_MS && ms <= LATEST_MS ? new Date(ms).toISOString() : null;
}
