// The terminal charts of `gomod-shim stats`: bars in eighths of a cell, sparklines that keep
// "no runs", "no hangs" and "one hang" apart.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bar, sparkline } from '../../src/stats/charts';

test('bar: full cells for whole parts, an eighth block for the rest, the largest value fills the width', () => {
  assert.equal(bar(10, 10, 5), '█████');
  assert.equal(bar(5, 10, 5), '██▌');
  assert.equal(bar(1, 8, 1), '▏');
  assert.equal([...bar(7, 10, 30)].length, 21);
});

test('bar: nothing for zero, at least one eighth for any value above zero, never past the width', () => {
  assert.equal(bar(0, 10, 30), '');
  assert.equal(bar(1, 100_000, 30), '▏');
  assert.equal(bar(20, 10, 4), '████');
  assert.equal(bar(3, 0, 4), '');
});

test('sparkline: blank for no data, the lowest block for zero, the top block for the maximum', () => {
  assert.equal(sparkline([null, 0, 1, 0.5, null]), ' ▁█▅ ');
  assert.equal(sparkline([0, 0, 0]), '▁▁▁');
  assert.equal(sparkline([]), '');
});

test('sparkline: a small value beside a large one is still above the zero level', () => {
  const line = sparkline([0, 0.001, 1]);
  assert.equal(line[0], '▁');
  assert.notEqual(line[1], '▁');
  assert.equal(line[2], '█');
});

test('sparkline: an explicit maximum sets the scale', () => {
  assert.equal(sparkline([0.25, 0.5], 1), '▄▅');
});
