import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDuration, parseGoDuration } from '../../src/duration';

test('parses Go durations', () => {
  assert.equal(parseGoDuration('500ms'), 500);
  assert.equal(parseGoDuration('45s'), 45_000);
  assert.equal(parseGoDuration('2m'), 120_000);
  assert.equal(parseGoDuration('1m30s'), 90_000);
  assert.equal(parseGoDuration('1.5h'), 5_400_000);
  assert.equal(parseGoDuration('250us'), 0.25);
  assert.equal(parseGoDuration('0'), 0);
});

test('rejects what Go rejects', () => {
  for (const bad of ['', '60', 's', '1x', '1m30', '-5s', 'ten seconds', '1 m']) assert.equal(parseGoDuration(bad), null, bad);
});

test('formats durations for people', () => {
  assert.equal(formatDuration(12), '12ms');
  assert.equal(formatDuration(1500), '1.5s');
  assert.equal(formatDuration(62_000), '1m2s');
  assert.equal(formatDuration(3_720_000), '1h2m');
});
