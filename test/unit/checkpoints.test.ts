// The hello's checkpoints: the front's samples of go's tree from before the watcher started
// (docs/front-protocol.md), parsed defensively, and the quiet spell they let start early.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IdleDetector } from '../../src/monitor/idle-detector';
import { parseCheckpoints } from '../../src/watcher/checkpoints';
import { parseHello } from '../../src/watcher/front-link';

const GO = 4243;
const NOW = 1_800_000_001_000;
const T0 = NOW - 1000; // go was spawned a second ago

const cp = (at: number, over: Record<string, unknown> = {}) => ({ at, cpuTicks: 30, ioBytes: 9000, outputBytes: 0, processKey: `${GO}`, ...over });
const hello = (checkpoints: unknown) => ({
  ev: 'hello',
  uuid: 'u',
  goPid: GO,
  frontPid: 4242,
  realGo: '/usr/bin/go',
  startedMs: T0,
  argv: ['mod', 'download'],
  cwd: '/m',
  trigger: 'timer',
  ...(checkpoints === undefined ? {} : { checkpoints }),
});

test('a hello without checkpoints, or with a malformed field, has none', () => {
  for (const value of [undefined, null, 'x', 3, {}, { 0: cp(T0 + 250) }]) {
    assert.deepEqual(parseHello(hello(value), NOW)?.checkpoints, [], JSON.stringify(value));
  }
});

test('well-formed checkpoints arrive as they were sent, oldest first', () => {
  const sent = [cp(T0 + 250, { cpuTicks: 12 }), cp(T0 + 500), cp(T0 + 750)];
  assert.deepEqual(parseHello(hello(sent), NOW)?.checkpoints, sent);
});

test('a processKey in another order is put in numeric order; one without go is not ours', () => {
  assert.equal(parseCheckpoints([cp(T0, { processKey: `9000,${GO},10` })], GO, NOW)[0].processKey, `10,${GO},9000`);
  assert.deepEqual(parseCheckpoints([cp(T0, { processKey: '17,18' })], GO, NOW), []);
});

test('a malformed entry drops itself and everything before it: the spell cannot reach back across it', () => {
  const bad: Record<string, unknown>[] = [
    { cpuTicks: '30' },
    { ioBytes: null },
    { outputBytes: -1 },
    { at: Number.NaN },
    { processKey: '' },
    { processKey: `${GO},x` },
    { processKey: GO },
  ];
  for (const over of bad) {
    const got = parseCheckpoints([cp(T0 + 250), cp(T0 + 500, over), cp(T0 + 750)], GO, NOW);
    assert.deepEqual(
      got.map((c) => c.at),
      [T0 + 750],
      JSON.stringify(over),
    );
  }
  assert.deepEqual(parseCheckpoints([cp(T0 + 250), null, 'x'], GO, NOW), []);
});

test('an entry in the future or not after the one before it is not used, nor what came before it', () => {
  assert.deepEqual(parseCheckpoints([cp(T0 + 250), cp(NOW + 1)], GO, NOW), []);
  assert.deepEqual(
    parseCheckpoints([cp(T0 + 250), cp(T0 + 500), cp(T0 + 500), cp(T0 + 750)], GO, NOW).map((c) => c.at),
    [T0 + 750],
  );
  assert.deepEqual(
    parseCheckpoints([cp(T0 + 500), cp(T0 + 250), cp(T0 + 750)], GO, NOW).map((c) => c.at),
    [T0 + 750],
  );
  assert.deepEqual(
    parseCheckpoints([cp(T0 + 250), cp(NOW)], GO, NOW).map((c) => c.at),
    [T0 + 250, NOW],
  );
});

test('flat checkpoints start the quiet spell at the first of them', () => {
  const d = new IdleDetector();
  const checkpoints = parseCheckpoints([cp(T0 + 250), cp(T0 + 500), cp(T0 + 750), cp(T0 + 1000)], GO, NOW);
  for (const c of checkpoints) d.observe(c);
  // The watcher's own first sample, a moment later, with the same counters.
  assert.equal(d.observe({ ...cp(NOW + 200) }), NOW + 200 - (T0 + 250));
});

test('growing counters in the checkpoints move the spell to where go last changed', () => {
  const d = new IdleDetector();
  const checkpoints = parseCheckpoints(
    [
      cp(T0 + 250, { cpuTicks: 10 }),
      cp(T0 + 500, { cpuTicks: 30, ioBytes: 4000 }), // still working
      cp(T0 + 750, { ioBytes: 9000 }), // the request goes out: I/O
      cp(T0 + 1000),
    ],
    GO,
    NOW,
  );
  let idle = 0;
  for (const c of checkpoints) idle = d.observe(c);
  assert.equal(idle, 250);
  assert.equal(d.observe(cp(NOW + 200)), NOW + 200 - (T0 + 750));
});

test('what the watcher counts beyond the front (a lock holder outside the tree) reads as activity', () => {
  const d = new IdleDetector();
  for (const c of parseCheckpoints([cp(T0 + 250), cp(T0 + 1000)], GO, NOW)) d.observe(c);
  assert.equal(d.observe(cp(NOW + 200, { cpuTicks: 30 + 40, ioBytes: 9000 + 70_000 })), 0);
});
