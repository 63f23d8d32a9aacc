// Time buckets for the hang rate over time, in local time (people think in their own days).
// The keys match what SQLite writes with strftime(…, 'localtime') (see src/store/stats.ts).
export type BucketUnit = 'hour' | 'day' | 'week' | 'month';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Hours for a short span, days for a few months, then weeks, then months: about 100 at most. */
export function bucketUnitFor(spanMs: number): BucketUnit {
  if (spanMs <= 2 * DAY_MS) return 'hour';
  if (spanMs <= 92 * DAY_MS) return 'day';
  if (spanMs <= 730 * DAY_MS) return 'week';
  return 'month';
}

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** The first instant of the bucket holding t, in local time. Weeks start on Monday. */
export function bucketStart(unit: BucketUnit, t: number): Date {
  const d = new Date(t);
  if (unit === 'hour') return new Date(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours());
  if (unit === 'day') return new Date(d.getFullYear(), d.getMonth(), d.getDate());
  if (unit === 'week') return new Date(d.getFullYear(), d.getMonth(), d.getDate() - ((d.getDay() + 6) % 7));
  return new Date(d.getFullYear(), d.getMonth(), 1);
}

/** The key of the bucket holding t: 2026-11-24T09, 2026-11-24, 2026-11-23 (its Monday), 2026-11. */
export function bucketKey(unit: BucketUnit, t: number): string {
  const d = bucketStart(unit, t);
  if (unit === 'hour') return `${ymd(d)}T${pad(d.getHours())}`;
  if (unit === 'month') return ymd(d).slice(0, 7);
  return ymd(d);
}

function next(unit: BucketUnit, d: Date): Date {
  // Hours step in real time, so a repeated or skipped DST hour behaves as the clock did.
  if (unit === 'hour') return new Date(d.getTime() + HOUR_MS);
  if (unit === 'day') return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1);
  if (unit === 'week') return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 7);
  return new Date(d.getFullYear(), d.getMonth() + 1, 1);
}

/** Every bucket key from the one holding `from` to the one holding `to`, in order. */
export function bucketKeys(unit: BucketUnit, from: number, to: number): string[] {
  const keys: string[] = [];
  const last = bucketKey(unit, to);
  for (let d = bucketStart(unit, from); keys.length < 10_000; d = next(unit, d)) {
    const key = bucketKey(unit, d.getTime());
    if (key !== keys[keys.length - 1]) keys.push(key);
    if (key >= last) break;
  }
  return keys;
}

/** A short label for a bucket key: 11-24 09h, 11-24, 2026-11. */
export function bucketLabel(unit: BucketUnit, key: string): string {
  if (unit === 'hour') return `${key.slice(5, 10)} ${key.slice(11, 13)}h`;
  if (unit === 'month') return key;
  return key.slice(5, 10);
}
