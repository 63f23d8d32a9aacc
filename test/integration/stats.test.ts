// `gomod-shim stats` on a history made of real runs: real hangs through the shim against a
// silent loopback GOPROXY, real successful and failed runs; then on 100 000 rows put in by SQL.

import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { HistoryStore } from '../../src/store/store';
import { execSql } from '../helpers/database';
import { type ModuleProxy, simpleModule, startModuleProxy } from '../helpers/module-proxy';
import { hangThroughShim } from '../helpers/real-hang';
import { historyJson, run, runCli, runShim, SHIM_CLI, tempDir, testEnv, writeModule } from '../helpers/shim';

const ROOT = tempDir('gomod-shim-stats-');
const ENV = testEnv(path.join(ROOT, 'home'));
const APP = writeModule(path.join(ROOT, 'app'), { 'go.mod': 'module example.com/stats/app\n\ngo 1.19\n' });
const LIB = writeModule(path.join(ROOT, 'lib'), { 'go.mod': 'module example.com/stats/lib\n\ngo 1.19\n' });
const DAY_MS = 86_400_000;

let silent: ModuleProxy;
let working: ModuleProxy;
let history: Record<string, unknown>[] = [];

// biome-ignore lint/suspicious/noExplicitAny: the JSON output, checked field by field below
type Json = Record<string, any>;

async function statsJson(args: string[], env = ENV): Promise<Json> {
  const r = await runCli(['stats', '--json', ...args], { env });
  assert.equal(r.code, 0, r.stderr.toString());
  return JSON.parse(r.stdout.toString()) as Json;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const durationsOf = (argvStart: string[]) =>
  history.filter((h) => !h.hung && argvStart.every((a, i) => (h.argv as string[])[i] === a)).map((h) => h.duration_ms as number);

before(async () => {
  silent = await startModuleProxy([], { silent: true });
  working = await startModuleProxy([simpleModule('example.com/okdep', 'v1.0.0')]);
  const viaSilent = { ...ENV, GOPROXY: silent.url };
  // Three real hangs at once (each waits 2 s of idleness): two in app, one in lib.
  await Promise.all([hangThroughShim(APP, viaSilent), hangThroughShim(APP, viaSilent), hangThroughShim(LIB, viaSilent)]);
  const ok = async (cwd: string, args: string[], env = ENV, code = 0) => {
    const r = await runShim(args, { cwd, env });
    assert.equal(r.code, code, `go ${args.join(' ')}: ${r.stderr.toString()}`);
  };
  for (let i = 0; i < 2; i++) await ok(LIB, ['mod', 'download', 'example.com/okdep@v1.0.0'], { ...ENV, GOPROXY: working.url });
  for (let i = 0; i < 3; i++) await ok(APP, ['list', '-m']);
  for (let i = 0; i < 2; i++) await ok(LIB, ['mod', 'tidy']);
  await ok(APP, ['build', './nosuchdir'], ENV, 1);
  history = await historyJson(ENV);
  assert.equal(history.length, 11, 'every run recorded');
  // One list -m run moved ten days back: --since must leave it out, --all keep it.
  const old = history.find((h) => (h.argv as string[])[0] === 'list')!;
  execSql(ENV.GOMODSHIM_DB!, 'UPDATE runs SET started_at = ? WHERE id = ?', [new Date(Date.now() - 10 * DAY_MS).toISOString(), old.id]);
});

after(async () => {
  await silent?.close();
  await working?.close();
});

describe('stats on real runs', () => {
  test('--all --json: totals, causes, the silent proxy as the host, modules', async () => {
    const s = await statsJson(['--all']);
    assert.equal(s.since, null);
    assert.equal(s.runs, 11);
    assert.equal(s.hangs, 3);
    assert.equal(s.hang_rate, 3 / 11);
    assert.deepEqual(s.by_cause, [{ cause: 'proxy-unresponsive', hangs: 3 }]);
    assert.deepEqual(s.by_host, [{ host: `127.0.0.1:${silent.port}`, role: 'proxy', hangs: 3, connected: 3, probe_failed: 3 }]);
    assert.deepEqual(s.by_module, [
      { module: 'example.com/stats/app', runs: 6, hangs: 2, hang_rate: 2 / 6 },
      { module: 'example.com/stats/lib', runs: 5, hangs: 1, hang_rate: 1 / 5 },
    ]);
  });

  test('--all --json: per command shape, counts and the median and max of the runs that ended on their own', async () => {
    const s = await statsJson(['--all']);
    const byName = new Map((s.commands as Json[]).map((c) => [c.command, c]));
    assert.deepEqual([...byName.keys()].sort(), ['go build', 'go list -m', 'go mod download', 'go mod tidy']);
    const download = durationsOf(['mod', 'download']);
    assert.equal(download.length, 2);
    assert.deepEqual(byName.get('go mod download'), {
      command: 'go mod download',
      runs: 5,
      hangs: 3,
      timed: 2,
      median_ms: median(download),
      max_ms: Math.max(...download),
    });
    const list = durationsOf(['list', '-m']);
    assert.deepEqual(byName.get('go list -m'), { command: 'go list -m', runs: 3, hangs: 0, timed: 3, median_ms: median(list), max_ms: Math.max(...list) });
    assert.equal(byName.get('go mod tidy')!.runs, 2);
    assert.equal(byName.get('go build')!.timed, 1, 'a failed run still ended on its own');
    const medians = (s.commands as Json[]).map((c) => c.median_ms ?? -1);
    assert.deepEqual(
      medians,
      [...medians].sort((a, b) => b - a),
      'slowest median first',
    );
  });

  test('--all --json: the timeline covers ten days by day, with every run and hang in it', async () => {
    const s = await statsJson(['--all']);
    const buckets = s.timeline.buckets as Json[];
    assert.equal(s.timeline.unit, 'day');
    assert.equal(buckets.length, 11);
    assert.equal(
      buckets.reduce((n, b) => n + b.runs, 0),
      11,
    );
    assert.equal(
      buckets.reduce((n, b) => n + b.hangs, 0),
      3,
    );
    assert.deepEqual(buckets[0], { start: buckets[0].start, runs: 1, hangs: 0, hang_rate: 0 });
    assert.equal(buckets[buckets.length - 1].runs + buckets[buckets.length - 2].runs, 10, 'the rest ran today (or just before midnight)');
    assert.ok(
      buckets.slice(1, -2).every((b) => b.runs === 0 && b.hang_rate === null),
      'quiet days have no rate',
    );
  });

  test('--since 2d leaves the old run out and counts by hour', async () => {
    const s = await statsJson(['--since', '2d']);
    assert.equal(s.runs, 10);
    assert.equal(s.hangs, 3);
    assert.equal(s.timeline.unit, 'hour');
    assert.ok(s.timeline.buckets.length >= 48 && s.timeline.buckets.length <= 50, `${s.timeline.buckets.length} hourly buckets`);
    assert.equal(
      (s.timeline.buckets as Json[]).reduce((n, b) => n + b.runs, 0),
      10,
    );
    assert.equal((await statsJson([])).runs, 11, 'the default span (30 days) holds the ten-day-old run');
  });

  test('a span without runs: zeros, and the text says so', async () => {
    const s = await statsJson(['--since', '2099-01-01']);
    assert.equal(s.runs, 0);
    assert.equal(s.hang_rate, 0);
    const r = await runCli(['stats', '--since', '2099-01-01'], { env: ENV });
    assert.match(r.stdout.toString(), /Nothing recorded in this span/);
  });

  test('the text: bars for causes and hosts, the commands table, a sparkline; no colour under NO_COLOR', async () => {
    const r = await runCli(['stats', '--all'], { env: ENV });
    assert.equal(r.code, 0, r.stderr.toString());
    const text = r.stdout.toString();
    assert.match(text, /^Watched runs all recorded: 11 runs, 3 hung \(27\.3%\)$/m);
    assert.match(text, /^ {2}proxy-unresponsive {2}█{30} {2}3$/m);
    assert.match(text, new RegExp(`^ {2}127\\.0\\.0\\.1:${silent.port} \\(proxy\\) {2}█{30} {2}3 {2}connection open in 3, probe failed in 3$`, 'm'));
    assert.match(text, /^ {2}example\.com\/stats\/app +6 +2 +33\.3% +█{20}$/m);
    assert.match(text, /^ {2}go mod download +5 +3 +\S+ +\S+$/m);
    const spark = /^Hang rate per day \(█ = (\S+)%; blank: no runs\)\n {2}(.+)\n {2}(.+)$/m.exec(text);
    assert.ok(spark, text);
    assert.equal(spark[2].length, 11, 'eleven days');
    assert.match(spark[2], /^▁ {8}.*[▂▃▄▅▆▇█]/, 'one run without a hang ten days ago, quiet days, then the hangs of today');
    assert.doesNotMatch(text, /\x1b\[/);
  });

  test('colour on a terminal, and never there under NO_COLOR', async () => {
    const onTty = (noColor: string) => run('script', ['-qec', `${SHIM_CLI} stats --all`, '/dev/null'], { env: { ...ENV, NO_COLOR: noColor, TERM: 'xterm' } });
    const coloured = await onTty('');
    assert.equal(coloured.code, 0, coloured.stderr.toString());
    assert.match(coloured.stdout.toString(), /\x1b\[31m█/);
    const plain = await onTty('1');
    assert.match(plain.stdout.toString(), /proxy-unresponsive/);
    assert.doesNotMatch(plain.stdout.toString(), /\x1b\[/);
  });

  test('usage errors exit 2 with one line', async () => {
    for (const args of [['--since', 'lately'], ['--all', '--since', '2d'], ['--bogus']]) {
      const r = await runCli(['stats', ...args], { env: ENV });
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr.toString(), /^gomod-shim: .+ \(see gomod-shim stats --help\)\n$/);
    }
  });
});

describe('stats on 100 000 runs put in by SQL', () => {
  const env = testEnv(path.join(ROOT, 'bulk'));
  const N = 100_000;
  const SHAPES: [string, string[]][] = [
    ['mod', ['mod', 'download']],
    ['list', ['list', '-m', 'all']],
    ['get', ['get', 'example.com/x@v1']],
    ['mod', ['-C', 'sub', 'mod', 'tidy', '-v']],
  ];
  const start = Date.now() - 40 * DAY_MS;
  /** The generated runs, described once so the test can work out what stats must say. */
  const rows = Array.from({ length: N }, (_, i) => ({
    shape: i % SHAPES.length,
    started: new Date(start + Math.floor((i * 40 * DAY_MS) / N)).toISOString(),
    hung: i % 97 === 0 ? 1 : 0,
    duration: 10 + ((i * 7919) % 5000),
    module: `example.com/m${i % 13}`,
  }));

  before(() => {
    new HistoryStore(env.GOMODSHIM_DB!).close(); // the real schema, by our migrations
    const db = new Database(env.GOMODSHIM_DB!);
    const insert = db.prepare(
      `INSERT INTO runs (uuid, status, started_at, duration_ms, cwd, module, subcommand, argv, exit_code, hung, cause)
       VALUES (?, 'finished', ?, ?, '/tmp', ?, ?, ?, ?, ?, ?)`,
    );
    db.transaction(() => {
      rows.forEach((r, i) => {
        const [sub, argv] = SHAPES[r.shape];
        insert.run(
          `bulk-${i}`,
          r.started,
          r.duration,
          r.module,
          sub,
          JSON.stringify(argv),
          r.hung ? 2 : 0,
          r.hung,
          r.hung ? (i % 2 ? 'dns-stall' : 'proxy-unresponsive') : null,
        );
      });
    })();
    db.close();
  });

  test('counts, medians and the timeline match the generated runs', async () => {
    const s = await statsJson(['--all'], env);
    assert.equal(s.runs, N);
    const hung = rows.filter((r) => r.hung);
    assert.equal(s.hangs, hung.length);
    assert.equal(s.timeline.unit, 'day');
    assert.equal(
      (s.timeline.buckets as Json[]).reduce((n, b) => n + b.runs, 0),
      N,
    );
    const causes = new Map((s.by_cause as Json[]).map((c) => [c.cause, c.hangs]));
    assert.equal((causes.get('dns-stall') ?? 0) + (causes.get('proxy-unresponsive') ?? 0), hung.length);
    const names = ['go mod download', 'go list -m', 'go get', 'go mod tidy'];
    for (const [k, name] of names.entries()) {
      const mine = rows.filter((r) => r.shape === k);
      const timed = mine.filter((r) => !r.hung).map((r) => r.duration);
      const c = (s.commands as Json[]).find((x) => x.command === name);
      assert.deepEqual(
        c,
        { command: name, runs: mine.length, hangs: mine.length - timed.length, timed: timed.length, median_ms: median(timed), max_ms: Math.max(...timed) },
        name,
      );
    }
    assert.equal(s.modules_total, 13);
    assert.equal((s.by_module as Json[]).length, 10, 'the top ten modules');
  });
});
