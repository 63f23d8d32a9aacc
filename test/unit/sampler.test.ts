// The sampler on a real, quiet process (a sleep) standing in for go: the front's checkpoints start
// the quiet spell before the watcher's first sample, and stop() leaves no timer behind.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { after, before, test } from 'node:test';
import { readProcText } from '../../src/monitor/proc-read';
import { HAS_PROCFS, readTree } from '../../src/monitor/process-table';
import { sampleTree } from '../../src/monitor/tree-sample';
import { DescendantTracker } from '../../src/watcher/leftovers';
import { Sampler } from '../../src/watcher/sampler';

const skip = HAS_PROCFS ? false : 'needs /proc';
let quiet: ChildProcess;

before(async () => {
  quiet = spawn('sleep', ['600'], { stdio: 'ignore' });
  // Quiet only once asleep: the dynamic loader's reads before that count as I/O.
  for (let i = 0; i < 500 && !/nanosleep/.test(readProcText(`/proc/${quiet.pid}/wchan`) ?? ''); i++) await new Promise((r) => setTimeout(r, 10));
});
after(() => {
  quiet.kill();
});

function sampler(limitMs: number, onHang: (idleMs: number) => void): Sampler {
  const pid = quiet.pid as number;
  return new Sampler(pid, new DescendantTracker(pid, process.pid), async () => 0, { ms: limitMs }, onHang);
}

const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

test('checkpoints as old as the limit: the first own sample calls the hang, with the time before it', { skip }, async () => {
  const pid = quiet.pid as number;
  const limitMs = 60_000;
  const since = Date.now() - limitMs;
  // What the front would have seen: the same counters, a minute ago and since.
  const seen = sampleTree(readTree(pid), pid, 0, since);
  const checkpoints = [seen, { ...seen, at: since + limitMs / 2 }];
  const idle = await new Promise<number>((resolve) => {
    const s = sampler(limitMs, (ms) => (s.stop(), resolve(ms)));
    s.start(checkpoints);
  });
  assert.ok(idle >= limitMs, `idle ${idle} ms`);
});

test('without checkpoints the spell starts at the first own sample: no hang before the limit has passed', { skip }, async () => {
  const limitMs = 400;
  const started = Date.now();
  const idle = await new Promise<number>((resolve) => {
    const s = sampler(limitMs, (ms) => (s.stop(), resolve(ms)));
    s.start();
  });
  assert.ok(idle >= limitMs, `idle ${idle} ms`);
  assert.ok(Date.now() - started >= limitMs, `called after ${Date.now() - started} ms`);
});

test('checkpoints count into the longest quiet spell before any own sample', { skip }, () => {
  const pid = quiet.pid as number;
  const base = sampleTree(readTree(pid), pid, 0, Date.now() - 900);
  const s = sampler(60_000, () => {});
  s.start([base, { ...base, at: base.at + 250 }, { ...base, at: base.at + 500 }]);
  assert.equal(s.idleMs, 500); // the own sample is still on its way
  assert.equal(s.longestIdleMs, 500);
  s.stop();
});

const turn = () => new Promise((r) => setImmediate(r));

test('stop() leaves no timer: neither a scheduled tick nor the one a tick in flight would set', { skip }, async () => {
  const before = timers();
  const inFlight = sampler(60_000, () => {});
  inFlight.start(); // its first tick is in flight now
  inFlight.stop();
  await turn();
  await turn();
  assert.equal(timers(), before);

  const scheduled = sampler(60_000, () => {});
  scheduled.start();
  await turn();
  await turn();
  assert.equal(timers(), before + 1, 'the first tick is done and the next one scheduled');
  scheduled.stop();
  assert.equal(timers(), before);
});
