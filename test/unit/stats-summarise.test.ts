// From grouped history rows to the figures of `gomod-shim stats`: rates, hosts, ranking, the
// timeline with its empty buckets, and the text rendering of them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countHosts } from '../../src/stats/hosts';
import { renderStats } from '../../src/stats/render';
import { summarise } from '../../src/stats/summarise';
import type { EndpointRow, StatsRows } from '../../src/store/stats';
import { styleFor } from '../../src/ui/style';

process.env.TZ = 'UTC';
const PLAIN = styleFor({ isTTY: false } as NodeJS.WriteStream, {});
const COLOUR = styleFor({ isTTY: true } as NodeJS.WriteStream, {});

const socket = (run_id: number, endpoint: string): EndpointRow => ({ run_id, kind: 'socket', endpoint, role: null, address: null, ok: null });
const probe = (run_id: number, endpoint: string, role: string, ok: boolean, address: string | null = null): EndpointRow => ({
  run_id,
  kind: 'probe',
  endpoint,
  role,
  address,
  ok: ok ? 1 : 0,
});

test('countHosts: a socket and a failed probe of the same host in one hang count it once', () => {
  const hosts = countHosts([socket(1, '127.0.0.1:3000'), probe(1, '127.0.0.1:3000', 'proxy', false)]);
  assert.deepEqual(hosts, [{ host: '127.0.0.1:3000', role: 'proxy', hangs: 1, connected: 1, probe_failed: 1 }]);
});

test('countHosts: a socket to the IP a probe of a host name connected to is counted under the name', () => {
  const hosts = countHosts([
    socket(1, '10.1.2.3:443'),
    probe(1, 'proxy.corp.example:443', 'proxy', true, '10.1.2.3'),
    socket(2, '[2001:db8::1]:443'),
    probe(2, 'proxy.corp.example:443', 'proxy', false, '2001:db8::1'),
  ]);
  assert.deepEqual(hosts, [{ host: 'proxy.corp.example:443', role: 'proxy', hangs: 2, connected: 2, probe_failed: 1 }]);
});

test('countHosts: a probe that worked with no socket to it is not a host the hang waited on', () => {
  const hosts = countHosts([probe(1, 'sum.golang.org:443', 'sumdb', true), socket(1, '192.0.2.7:22'), socket(1, '0.0.0.0:0')]);
  assert.deepEqual(hosts, [{ host: '192.0.2.7:22', role: 'other', hangs: 1, connected: 1, probe_failed: 0 }]);
});

test('countHosts: most hangs first, a host counted once per hang however many sockets', () => {
  const hosts = countHosts([socket(1, 'b:1'), socket(1, 'b:1'), socket(2, 'b:1'), socket(3, 'a:1')]);
  assert.deepEqual(
    hosts.map((h) => [h.host, h.hangs, h.connected]),
    [
      ['b:1', 2, 2],
      ['a:1', 1, 1],
    ],
  );
});

const NOW = Date.parse('2026-11-24T15:30:00Z');

function rows(over: Partial<StatsRows> = {}): StatsRows {
  return {
    totals: { runs: 40, hangs: 4, first_started_at: '2026-11-21T08:00:00.000Z' },
    unit: 'day',
    causes: [
      { cause: 'proxy-unresponsive', hangs: 3 },
      { cause: 'modcache-lock', hangs: 1 },
    ],
    endpoints: [socket(7, '127.0.0.1:3000'), probe(7, '127.0.0.1:3000', 'proxy', false)],
    modules: [
      { module: 'example.com/a', runs: 30, hangs: 4 },
      { module: null, runs: 10, hangs: 0 },
    ],
    commands: [
      { shape: 'list -m', runs: 20, hangs: 0, timed: 20, median_ms: 40, max_ms: 90 },
      { shape: 'mod download', runs: 20, hangs: 4, timed: 16, median_ms: 1500, max_ms: 61_000 },
    ],
    buckets: [
      { bucket: '2026-11-21', runs: 10, hangs: 0 },
      { bucket: '2026-11-22', runs: 0, hangs: 0 },
      { bucket: '2026-11-23', runs: 20, hangs: 1 },
      { bucket: '2026-11-24', runs: 10, hangs: 3 },
    ],
    ...over,
  };
}

test('summarise: totals and rates', () => {
  const s = summarise(rows(), '2026-11-21T00:00:00.000Z', NOW);
  assert.equal(s.runs, 40);
  assert.equal(s.hangs, 4);
  assert.equal(s.hang_rate, 0.1);
  assert.equal(s.until, '2026-11-24T15:30:00.000Z');
  assert.deepEqual(s.by_module[0], { module: 'example.com/a', runs: 30, hangs: 4, hang_rate: 4 / 30 });
  assert.equal(s.modules_total, 2);
});

test('summarise: commands slowest median first, named as typed', () => {
  const s = summarise(rows(), null, NOW);
  assert.deepEqual(
    s.commands.map((c) => [c.command, c.median_ms]),
    [
      ['go mod download', 1500],
      ['go list -m', 40],
    ],
  );
});

test('summarise: the timeline keeps every bucket; a bucket without runs has no rate', () => {
  const s = summarise(rows(), '2026-11-21T00:00:00.000Z', NOW);
  assert.equal(s.timeline.unit, 'day');
  assert.deepEqual(s.timeline.buckets, [
    { start: '2026-11-21', runs: 10, hangs: 0, hang_rate: 0 },
    { start: '2026-11-22', runs: 0, hangs: 0, hang_rate: null },
    { start: '2026-11-23', runs: 20, hangs: 1, hang_rate: 0.05 },
    { start: '2026-11-24', runs: 10, hangs: 3, hang_rate: 0.3 },
  ]);
});

test('summarise: an empty history gives zeros and one bucket, not NaN', () => {
  const s = summarise(
    rows({ totals: { runs: 0, hangs: 0, first_started_at: null }, causes: [], endpoints: [], modules: [], commands: [], buckets: [] }),
    null,
    NOW,
  );
  assert.equal(s.hang_rate, 0);
  assert.deepEqual(s.by_cause, []);
  assert.match(renderStats(s, PLAIN), /Nothing recorded in this span/);
});

test('renderStats: bars for causes and hosts, a table for commands, a sparkline for the rate', () => {
  const text = renderStats(summarise(rows(), '2026-11-21T00:00:00.000Z', NOW), PLAIN);
  assert.match(text, /^Watched runs since 2026-11-21 00:00: 40 runs, 4 hung \(10\.0%\)$/m);
  assert.match(text, /^ {2}proxy-unresponsive {2}█{30} {2}3$/m);
  assert.match(text, /^ {2}modcache-lock {7}█{10} +1$/m);
  assert.match(text, /^ {2}127\.0\.0\.1:3000 \(proxy\) {2}█{30} {2}1 {2}connection open in 1, probe failed in 1$/m);
  assert.match(text, /^ {2}go mod download +20 +4 +1\.5s +1m1s$/m);
  assert.match(text, /Hang rate per day \(█ = 30\.0%; blank: no runs\)\n {2}▁ ▃█\n {2}11-21 → 11-24\n/);
  assert.doesNotMatch(text, /\x1b\[/);
});

test('renderStats: colour only when the style says so', () => {
  assert.match(renderStats(summarise(rows(), null, NOW), COLOUR), /\x1b\[31m█/);
});
