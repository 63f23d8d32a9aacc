import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ActivitySample, IdleDetector } from '../../src/monitor/idle-detector';

const sample = (at: number, over: Partial<ActivitySample> = {}): ActivitySample => ({
  at,
  cpuTicks: 100,
  ioBytes: 5000,
  outputBytes: 10,
  processKey: '1,2',
  ...over,
});

test('a flat tree is idle for as long as it stays flat', () => {
  const d = new IdleDetector();
  assert.equal(d.observe(sample(0)), 0);
  assert.equal(d.observe(sample(500, { cpuTicks: 101 })), 500); // runtime noise
  assert.equal(d.observe(sample(60_000, { cpuTicks: 102, ioBytes: 5100 })), 60_000);
});

test('output, new processes, CPU or I/O each end the quiet spell', () => {
  for (const change of [{ outputBytes: 11 }, { processKey: '1,2,3' }, { cpuTicks: 105 }, { ioBytes: 5256 }]) {
    const d = new IdleDetector();
    d.observe(sample(0));
    assert.equal(d.observe(sample(30_000, change)), 0, JSON.stringify(change));
    assert.equal(d.observe(sample(31_000, change)), 1000, JSON.stringify(change));
  }
});

test('a trickle too thin for one sample adds up and counts as activity', () => {
  const d = new IdleDetector();
  d.observe(sample(0));
  let idle = 0;
  for (let t = 1; t <= 10; t++) idle = d.observe(sample(t * 500, { ioBytes: 5000 + t * 40 })); // 80 B/s
  assert.ok(idle < 5000, `idle ${idle} ms: 400 bytes over 5 s must have reset the spell`);
});

test('reset starts a new spell', () => {
  const d = new IdleDetector();
  d.observe(sample(0));
  assert.equal(d.observe(sample(10_000)), 10_000);
  d.reset();
  assert.equal(d.observe(sample(11_000)), 0);
});
