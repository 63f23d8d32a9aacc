// Time buckets for the hang rate over time, in local time (people think in their own days).
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

export interface BucketBound {
  key: string;
  /** ISO 8601 instants, as runs.started_at is stored: from ≤ started_at < to */
  from: string;
  to: string;
}

/**
 * Every bucket from the one holding `from` to the one holding `to`, in order, each with the
 * instants it spans. The first starts at `from` itself, so a count over it needs no other filter.
 * SQLite counts runs between these bounds over the started_at index: exact local days (DST
 * included) without converting 100 000 timestamps to local time.
 */
export function bucketBounds(unit: BucketUnit, from: number, to: number): BucketBound[] {
  const starts: { key: string; at: number }[] = [];
  const last = bucketKey(unit, to);
  for (let d = bucketStart(unit, from); starts.length < 10_000; d = next(unit, d)) {
    const key = bucketKey(unit, d.getTime());
    if (key !== starts[starts.length - 1]?.key) starts.push({ key, at: d.getTime() });
    if (key >= last) break;
  }
  const end = next(unit, bucketStart(unit, starts[starts.length - 1].at)).getTime();
  return starts.map((s, i) => ({
    key: s.key,
    from: new Date(i === 0 ? Math.max(s.at, from) : s.at).toISOString(),
    to: new Date(i + 1 < starts.length ? starts[i + 1].at : end).toISOString(),
  }));
}

/** The bucket keys of bucketBounds. */
export function bucketKeys(unit: BucketUnit, from: number, to: number): string[] {
  return bucketBounds(unit, from, to).map((b) => b.key);
}

export interface TimelinePlan {
  unit: BucketUnit;
  buckets: BucketBound[];
}

/** The buckets of a stats span: from `since`, or else the first run, to now. */
export function planTimeline(since: string | null, firstRun: string | null, now: number): TimelinePlan {
  const from = Math.min(now, Date.parse(since ?? firstRun ?? new Date(now).toISOString()));
  const unit = bucketUnitFor(now - from);
  return { unit, buckets: bucketBounds(unit, from, now) };
}

/** A short label for a bucket key: 11-24 09h, 11-24, 2026-11. */
export function bucketLabel(unit: BucketUnit, key: string): string {
  if (unit === 'hour') return `${key.slice(5, 10)} ${key.slice(11, 13)}h`;
  if (unit === 'month') return key;
  return key.slice(5, 10);
}
