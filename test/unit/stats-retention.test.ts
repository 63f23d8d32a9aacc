// The retention cap's trim of one snapshot: the raw dump goes, the goroutines that tell the story
// stay (the same ranking `show` uses), everything else is untouched.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseGoroutineDump } from '../../src/snapshot/goroutine-dump';
import { goroutineMatters, rankGoroutines } from '../../src/snapshot/goroutine-rank';
import type { Snapshot } from '../../src/snapshot/snapshot';
import { TOP_GOROUTINES_KEPT, trimSnapshot } from '../../src/store/retention';

const REPO = path.resolve(__dirname, '../../..');
const RAW = fs.readFileSync(path.join(REPO, 'test/fixtures/dumps/go1.19-sigquit-proxy-unresponsive.txt'), 'utf8');

function snapshot(raw: string): Snapshot {
  return {
    taken_at: '2026-01-01T00:00:00.000Z',
    complete: true,
    idle_ms: 60_000,
    trigger: 'idle',
    hang_after_ms: 60_000,
    mode: 'dump',
    command: ['mod', 'download'],
    go_pid: 42,
    env: { GOPROXY: 'http://127.0.0.1:9' },
    go_env: { GOVERSION: 'go1.19.8' },
    go_env_error: null,
    processes: [],
    network: [],
    goroutines: { raw, parsed: parseGoroutineDump(raw) },
    stderr_tail: ['go: downloading example.com/m v1.0.0'],
    diagnosis: { cause: 'proxy-unresponsive', summary: 'GOPROXY never answered', evidence: ['e'], suggestions: ['s'] },
  };
}

test('rankGoroutines: the ones in cmd/go, net, os/exec, crypto/tls first; runtime-only ones left out', () => {
  const parsed = parseGoroutineDump(RAW);
  const ranked = rankGoroutines(parsed);
  const firstOther = ranked.findIndex((g) => !goroutineMatters(g));
  assert.ok(ranked.filter(goroutineMatters).length > 0);
  if (firstOther >= 0)
    assert.ok(
      ranked.slice(firstOther).every((g) => !goroutineMatters(g)),
      'mattering ones come first',
    );
  assert.ok(ranked.length < parsed.length, 'runtime-only goroutines are dropped');
  assert.ok(ranked.every((g) => g.frames.some((f) => !/^(runtime|internal\/|sync\.|syscall\.)/.test(f.function))));
});

test('trimSnapshot: no raw dump, the ranked goroutines kept, diagnosis and the rest unchanged', () => {
  const whole = snapshot(RAW);
  const trimmed = trimSnapshot(whole, '2026-02-01T00:00:00.000Z');
  assert.equal(trimmed.goroutines.raw, null);
  assert.deepEqual(trimmed.goroutines.parsed, rankGoroutines(whole.goroutines.parsed).slice(0, TOP_GOROUTINES_KEPT));
  assert.deepEqual(trimmed.retention, { dump_dropped_at: '2026-02-01T00:00:00.000Z', goroutines_total: whole.goroutines.parsed.length });
  const { goroutines: _a, retention: _b, ...restTrimmed } = trimmed;
  const { goroutines: _c, ...restWhole } = whole;
  assert.deepEqual(restTrimmed, restWhole);
  assert.ok(JSON.stringify(trimmed).length < JSON.stringify(whole).length / 2, 'the trimmed snapshot is much smaller');
});

test('trimSnapshot: keeps at most TOP_GOROUTINES_KEPT, and trimming twice keeps the first record', () => {
  const many = Array.from(
    { length: 60 },
    (_, i) => `goroutine ${i + 1} [select]:\nnet/http.(*persistConn).roundTrip(0x1)\n\t/go/src/net/http/transport.go:2620 +0x9\n`,
  ).join('\n');
  const once = trimSnapshot(snapshot(many), '2026-02-01T00:00:00.000Z');
  assert.equal(once.goroutines.parsed.length, TOP_GOROUTINES_KEPT);
  const twice = trimSnapshot(once, '2026-03-01T00:00:00.000Z');
  assert.deepEqual(twice.retention, { dump_dropped_at: '2026-02-01T00:00:00.000Z', goroutines_total: 60 });
});
