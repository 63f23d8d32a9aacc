// Time buckets for the hang rate over time: units by span, local-time keys, no gaps.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bucketBounds, bucketKey, bucketKeys, bucketLabel, bucketUnitFor, planTimeline } from '../../src/stats/buckets';

// A zone with daylight saving time, so that the DST days below are real (each test file runs in
// its own process: this changes nothing elsewhere).
process.env.TZ = 'Europe/Berlin';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

test('bucketUnitFor: hours up to two days, days up to three months, then weeks, then months', () => {
  assert.equal(bucketUnitFor(2 * HOUR), 'hour');
  assert.equal(bucketUnitFor(2 * DAY), 'hour');
  assert.equal(bucketUnitFor(7 * DAY), 'day');
  assert.equal(bucketUnitFor(90 * DAY), 'day');
  assert.equal(bucketUnitFor(365 * DAY), 'week');
  assert.equal(bucketUnitFor(5 * 365 * DAY), 'month');
});

test('bucketKey: local hour, day, Monday of the week, month', () => {
  const t = new Date(2026, 10, 26, 9, 41).getTime(); // Thursday 26 November 2026, 09:41 local
  assert.equal(bucketKey('hour', t), '2026-11-26T09');
  assert.equal(bucketKey('day', t), '2026-11-26');
  assert.equal(bucketKey('week', t), '2026-11-23');
  assert.equal(bucketKey('month', t), '2026-11');
  assert.equal(bucketKey('week', new Date(2026, 10, 23, 0, 0).getTime()), '2026-11-23', 'a Monday is its own week');
  assert.equal(bucketKey('week', new Date(2026, 10, 22, 23, 59).getTime()), '2026-11-16', 'a Sunday belongs to the week before');
});

test('bucketKeys: every bucket from the first to the last, none missing, none repeated', () => {
  const from = new Date(2026, 10, 20, 22, 30).getTime();
  const to = new Date(2026, 10, 21, 2, 5).getTime();
  assert.deepEqual(bucketKeys('hour', from, to), ['2026-11-20T22', '2026-11-20T23', '2026-11-21T00', '2026-11-21T01', '2026-11-21T02']);
  const days = bucketKeys('day', new Date(2026, 0, 30).getTime(), new Date(2026, 1, 2, 12).getTime());
  assert.deepEqual(days, ['2026-01-30', '2026-01-31', '2026-02-01', '2026-02-02']);
  assert.deepEqual(bucketKeys('month', new Date(2025, 11, 15).getTime(), new Date(2026, 1, 1).getTime()), ['2025-12', '2026-01', '2026-02']);
  assert.deepEqual(bucketKeys('week', new Date(2026, 10, 26).getTime(), new Date(2026, 11, 7).getTime()), ['2026-11-23', '2026-11-30', '2026-12-07']);
});

test('bucketKeys: thirty days are thirty-one day buckets (both ends partial)', () => {
  const now = new Date(2026, 10, 24, 15).getTime();
  assert.equal(bucketKeys('day', now - 30 * DAY, now).length, 31);
});

test('bucketLabel: short axis labels', () => {
  assert.equal(bucketLabel('hour', '2026-11-24T09'), '11-24 09h');
  assert.equal(bucketLabel('day', '2026-11-24'), '11-24');
  assert.equal(bucketLabel('week', '2026-11-23'), '11-23');
  assert.equal(bucketLabel('month', '2026-11'), '2026-11');
});

test('bucketKeys across the autumn DST change: the repeated hour is one bucket, the 25-hour day one day', () => {
  // 25 October 2026, 03:00 CEST becomes 02:00 CET: local 02:xx happens twice.
  const from = Date.parse('2026-10-24T23:30:00Z'); // 01:30 CEST
  const to = Date.parse('2026-10-25T02:30:00Z'); // 03:30 CET
  assert.deepEqual(bucketKeys('hour', from, to), ['2026-10-25T01', '2026-10-25T02', '2026-10-25T03']);
  assert.deepEqual(bucketKeys('day', Date.parse('2026-10-24T12:00:00Z'), Date.parse('2026-10-26T12:00:00Z')), ['2026-10-24', '2026-10-25', '2026-10-26']);
});

test('bucketKeys across the spring DST change: the skipped hour has no bucket', () => {
  // 29 March 2026, 02:00 CET becomes 03:00 CEST.
  const keys = bucketKeys('hour', Date.parse('2026-03-29T00:30:00Z'), Date.parse('2026-03-29T01:30:00Z'));
  assert.deepEqual(keys, ['2026-03-29T01', '2026-03-29T03']);
});

test('bucketBounds: contiguous instants, the first starting at `from` itself', () => {
  const from = new Date(2026, 10, 20, 22, 30).getTime();
  const bounds = bucketBounds('day', from, new Date(2026, 10, 22, 8).getTime());
  assert.deepEqual(bounds, [
    { key: '2026-11-20', from: new Date(from).toISOString(), to: new Date(2026, 10, 21).toISOString() },
    { key: '2026-11-21', from: new Date(2026, 10, 21).toISOString(), to: new Date(2026, 10, 22).toISOString() },
    { key: '2026-11-22', from: new Date(2026, 10, 22).toISOString(), to: new Date(2026, 10, 23).toISOString() },
  ]);
});

test('bucketBounds: the repeated autumn hour is one bucket two hours long; the day around it 25 hours', () => {
  const hours = bucketBounds('hour', Date.parse('2026-10-24T23:30:00Z'), Date.parse('2026-10-25T02:30:00Z'));
  assert.deepEqual(hours[1], { key: '2026-10-25T02', from: '2026-10-25T00:00:00.000Z', to: '2026-10-25T02:00:00.000Z' });
  const [day] = bucketBounds('day', Date.parse('2026-10-24T22:00:00Z'), Date.parse('2026-10-25T12:00:00Z'));
  assert.equal(Date.parse(day.to) - Date.parse(day.from), 25 * HOUR);
});

test('planTimeline: from --since, else from the first run, else just now', () => {
  const now = Date.parse('2026-11-24T12:00:00Z');
  const since = planTimeline('2026-11-22T12:00:00.000Z', '2026-01-01T00:00:00.000Z', now);
  assert.equal(since.unit, 'hour');
  assert.equal(since.buckets[0].from, '2026-11-22T12:00:00.000Z');
  const all = planTimeline(null, '2026-11-01T00:00:00.000Z', now);
  assert.equal(all.unit, 'day');
  assert.equal(all.buckets[0].key, '2026-11-01');
  const empty = planTimeline(null, null, now);
  assert.deepEqual(
    empty.buckets.map((b) => b.key),
    ['2026-11-24T13'],
  );
});
