// GOMODSHIM_HANG_AFTER=auto, the pure calculation: 3 × the longest quiet spell of recent
// successful runs + 5 s, between a 10 s floor and a 10 min ceiling, after 5 runs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AUTO_PARAMS, autoLimit } from '../../src/adaptive/auto-limit';
import { describeAutoLimit } from '../../src/adaptive/describe';

const SUBJECT = { command: 'mod download', module: 'example.com/app' };

test('the fixed limit until there are enough successful runs', () => {
  assert.deepEqual(autoLimit([], 60_000), { kind: 'too-few-runs', ms: 60_000, runs: 0, needed: 5 });
  const four = autoLimit([1000, 2000, 3000, 4000], 90_000);
  assert.deepEqual(four, { kind: 'too-few-runs', ms: 90_000, runs: 4, needed: 5 });
  assert.equal(
    describeAutoLimit(four, SUBJECT, 'default 90s'),
    'default 90s until 5 successful `go mod download` runs in example.com/app are recorded (4 so far)',
  );
});

test('the margin over the longest quiet spell: 3 × max + 5 s', () => {
  const limit = autoLimit([2000, 6000, 500, 1500, 4000, 3000, 2500, 1000, 800, 1200, 900, 700], 60_000);
  assert.deepEqual(limit, { kind: 'learned', ms: 23_000, runs: 12, longestQuietMs: 6000, formulaMs: 23_000, bound: null });
  assert.equal(
    describeAutoLimit(limit, SUBJECT, 'default 60s'),
    '3× the longest quiet spell of 12 successful `go mod download` runs in example.com/app (6s) + 5s = 23s',
  );
});

test('the maximum, not a percentile: one slow-but-working run keeps the limit loose', () => {
  const spells = [...Array(40).fill(1000), 30_000];
  assert.equal(autoLimit(spells, 60_000).ms, 95_000);
});

test('floor and ceiling', () => {
  const low = autoLimit([0, 500, 1000, 500, 0], 60_000);
  assert.deepEqual(low, { kind: 'learned', ms: 10_000, runs: 5, longestQuietMs: 1000, formulaMs: 8000, bound: 'floor' });
  assert.equal(
    describeAutoLimit(low, { command: 'build', module: null }, 'default 60s'),
    '3× the longest quiet spell of 5 successful `go build` runs outside any module (1s) + 5s = 8s, raised to the 10s floor',
  );
  const high = autoLimit([300_000, 1000, 1000, 1000, 1000], 60_000);
  assert.equal(high.ms, AUTO_PARAMS.ceilingMs);
  assert.match(describeAutoLimit(high, SUBJECT, 'default 60s'), /\(5m\) \+ 5s = 15m5s, lowered to the 10m ceiling$/);
  // The floor is what makes the late lookup safe: above the 1 s at which the history is read.
  assert.ok(AUTO_PARAMS.floorMs >= 5_000);
});

test('only the most recent runs count (newest first), and nonsense values are dropped', () => {
  const old = Array(60).fill(20_000);
  const recent = Array(50).fill(2000);
  assert.equal(autoLimit([...recent, ...old], 60_000).ms, 11_000);
  assert.deepEqual(autoLimit([NaN, -1, Infinity, 1000, 1000, 1000, 1000], 60_000).kind, 'too-few-runs');
  const half = autoLimit([2500, 2500, 1500, 1000, 2000], 60_000);
  assert.equal(half.ms, 12_500);
  assert.match(describeAutoLimit(half, SUBJECT, 'x'), /\(2\.5s\) \+ 5s = 12\.5s$/);
});
