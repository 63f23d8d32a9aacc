// When the sampler looks next: one step on, the step growing once the tree has long been quiet,
// never after the moment the quiet spell reaches the hang limit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  LONGER_STEP_AFTER_QUIET_MS,
  nextSampleAt,
  QUIET_SAMPLE_EVERY_MS,
  SAMPLE_EVERY_MS,
  SLOW_AFTER_QUIET_MS,
  sampleInterval,
} from '../../src/watcher/sample-schedule';

const NOW = 1_800_000_000_000;
const HOUR = 3_600_000;

test('the step: short while the tree works and early in a spell, long once quiet for a while', () => {
  assert.ok(SAMPLE_EVERY_MS < QUIET_SAMPLE_EVERY_MS);
  assert.equal(sampleInterval(0), SAMPLE_EVERY_MS);
  assert.equal(sampleInterval(LONGER_STEP_AFTER_QUIET_MS - 1), SAMPLE_EVERY_MS);
  assert.ok(sampleInterval(LONGER_STEP_AFTER_QUIET_MS) > SAMPLE_EVERY_MS);
  assert.ok(sampleInterval(SLOW_AFTER_QUIET_MS - 1) < QUIET_SAMPLE_EVERY_MS);
  assert.equal(sampleInterval(SLOW_AFTER_QUIET_MS), QUIET_SAMPLE_EVERY_MS);
  assert.equal(sampleInterval(HOUR), QUIET_SAMPLE_EVERY_MS);
  for (let idle = 0; idle < 2 * SLOW_AFTER_QUIET_MS; idle += 100) assert.ok(sampleInterval(idle) <= sampleInterval(idle + 100), `${idle}`);
});

test('with the limit far off, the next sample is one step on', () => {
  assert.equal(nextSampleAt(NOW, NOW, HOUR), NOW + SAMPLE_EVERY_MS); // just active
  assert.equal(nextSampleAt(NOW, NOW - SLOW_AFTER_QUIET_MS, HOUR), NOW + QUIET_SAMPLE_EVERY_MS);
  assert.equal(nextSampleAt(NOW, null, HOUR), NOW + SAMPLE_EVERY_MS); // no spell: no sample, or go stopped
});

test('the next sample comes when the spell reaches the limit, not a step later', () => {
  const limit = 2000;
  const quietSince = NOW - limit + SAMPLE_EVERY_MS / 4; // the limit falls inside the next step
  assert.equal(nextSampleAt(NOW, quietSince, limit), quietSince + limit);
  // Long steps too: quiet for a while, a long limit.
  const long = SLOW_AFTER_QUIET_MS + QUIET_SAMPLE_EVERY_MS / 2;
  assert.equal(nextSampleAt(NOW, NOW - SLOW_AFTER_QUIET_MS, long), NOW - SLOW_AFTER_QUIET_MS + long);
});

test('a limit already reached (a late tick) means at once, never in the past', () => {
  assert.equal(nextSampleAt(NOW, NOW - 5000, 2000), NOW);
});

test('once the hang is reported (limit Infinity), only the step counts', () => {
  assert.equal(nextSampleAt(NOW, NOW - HOUR, Number.POSITIVE_INFINITY), NOW + QUIET_SAMPLE_EVERY_MS);
});

test('over a whole spell, a sample lands exactly on the limit and the steps grow only as allowed', () => {
  for (const limit of [300, 2000, 7300, 60_000]) {
    const quietSince = NOW;
    const ticks: number[] = [];
    for (let t = quietSince; t < quietSince + limit; ) {
      const next = nextSampleAt(t, quietSince, limit);
      assert.ok(next > t, `limit ${limit}: no progress at ${t - quietSince}`);
      assert.ok(next - t <= sampleInterval(t - quietSince), `limit ${limit}: a step longer than allowed at ${t - quietSince}`);
      ticks.push(next - quietSince);
      t = next;
    }
    assert.equal(ticks[ticks.length - 1], limit, `limit ${limit}`);
  }
});
