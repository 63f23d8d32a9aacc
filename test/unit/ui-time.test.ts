// Relative times for people, and --since values.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSince, relativeTime } from '../../src/ui/time';

const NOW = Date.parse('2026-11-24T12:00:00.000Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();

test('relativeTime: the largest whole unit, a date past a month', () => {
  assert.equal(relativeTime(ago(0), NOW), 'just now');
  assert.equal(relativeTime(ago(4_999), NOW), 'just now');
  assert.equal(relativeTime(ago(5_000), NOW), '5s ago');
  assert.equal(relativeTime(ago(59_999), NOW), '59s ago');
  assert.equal(relativeTime(ago(60_000), NOW), '1m ago');
  assert.equal(relativeTime(ago(3 * 3_600_000 + 59 * 60_000), NOW), '3h ago');
  assert.equal(relativeTime(ago(29 * 86_400_000), NOW), '29d ago');
  assert.equal(relativeTime(ago(30 * 86_400_000), NOW), '2026-10-25');
  assert.equal(relativeTime(ago(-60_000), NOW), 'just now', 'a clock that went back');
  assert.equal(relativeTime('not a date', NOW), 'not a date');
});

test('parseSince: durations ago, in Go syntax or days and weeks', () => {
  assert.equal(parseSince('2h', NOW), ago(2 * 3_600_000));
  assert.equal(parseSince('90m', NOW), ago(90 * 60_000));
  assert.equal(parseSince('1h30m', NOW), ago(90 * 60_000));
  assert.equal(parseSince('7d', NOW), ago(7 * 86_400_000));
  assert.equal(parseSince('1w', NOW), ago(7 * 86_400_000));
});

test('parseSince: strict text, and instants that exist (never a RangeError)', () => {
  for (const text of [' 7d ', '+7d', '0x7d', '7 d', '99999999999w', '9999999999999999h', '99999999999999999999d', '1e3h', '10000-01-01']) {
    assert.equal(parseSince(text, NOW), null, text);
  }
  assert.equal(parseSince('520w', NOW), ago(520 * 7 * 86_400_000));
});

test('parseSince: dates and date-times', () => {
  assert.equal(parseSince('2026-11-01T08:00:00Z', NOW), '2026-11-01T08:00:00.000Z');
  assert.equal(parseSince('2026-11-01T08:00:00+01:00', NOW), '2026-11-01T07:00:00.000Z');
  assert.equal(parseSince('2026-11-01', NOW), new Date(2026, 10, 1).toISOString(), 'local midnight');
  assert.equal(parseSince('2026-11-01 08:00', NOW), new Date(2026, 10, 1, 8).toISOString(), 'local time');
});

test('parseSince: a bare date is local midnight, not UTC midnight, away from UTC too', () => {
  const saved = process.env.TZ;
  process.env.TZ = 'America/New_York'; // node re-reads TZ when it changes
  try {
    assert.equal(parseSince('2026-11-01', NOW), '2026-11-01T04:00:00.000Z');
    assert.equal(parseSince('2026-12-01', NOW), '2026-12-01T05:00:00.000Z');
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
});

test('parseSince: anything else is refused', () => {
  for (const bad of ['', 'yesterday', '2', '7days', '-2h', '2026-02-30', '2026-13-01', '2026-11-1', '2026-11-01T25:00', '11/01/2026']) {
    assert.equal(parseSince(bad, NOW), null, JSON.stringify(bad));
  }
});
