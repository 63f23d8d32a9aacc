// `gomod-shim history` and `show`, run as built, against a history the real shim recorded
// from real go runs. Hang detection is not wired into the supervisor yet, so the one hang
// here is put in the real database through the store's own saveSnapshot.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { parseGoroutineDump } from '../../src/snapshot/goroutine-dump';
import type { Snapshot } from '../../src/snapshot/snapshot';
import { HistoryStore } from '../../src/store/store';
import { execSql } from '../helpers/database';
import { historyJson, REPO, runCli, runShim, SHIM_CLI, tempDir, testEnv, writeModule } from '../helpers/shim';

const ROOT = tempDir('gomod-shim-cli-');
const scratch = (prefix: string) => fs.mkdtempSync(path.join(ROOT, prefix));
const ENV = testEnv(scratch('main-'));
const ALPHA = writeModule(path.join(ROOT, 'alpha'), { 'go.mod': 'module example.com/cli/alpha\n\ngo 1.19\n' });
const BETA = writeModule(path.join(ROOT, 'beta'), { 'go.mod': 'module example.com/cli/beta\n\ngo 1.19\n' });
const BETA_LINK = path.join(ROOT, 'beta-link');
fs.symlinkSync(BETA, BETA_LINK);
const DAY_MS = 86_400_000;
const { version } = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };

type Item = Record<string, unknown>;
/** The runs are started by this test process: the shim records it as their caller. */
const CALLER = fs.readFileSync(`/proc/${process.pid}/comm`, 'utf8').trim();

/** The recorded runs by name, filled in by before(). */
const RUNS = {
  alphaOk: { cwd: ALPHA, args: ['list', '-m'], id: 0 },
  alphaOld: { cwd: ALPHA, args: ['build', './nosuchdir'], id: 0 }, // failed, and made 10 days old
  betaHung: { cwd: BETA, args: ['list', '-m', 'all'], id: 0 }, // given a snapshot: a hang
  betaOk: { cwd: BETA, args: ['list', '-m', '-json'], id: 0 },
};

function hangSnapshot(goPid: number): Snapshot {
  const raw = fs.readFileSync(path.join(REPO, 'test/fixtures/dumps/go1.19-sigquit-proxy-unresponsive.txt'), 'utf8');
  return {
    taken_at: new Date().toISOString(),
    complete: true,
    idle_ms: 60_000,
    trigger: 'idle',
    hang_after_ms: 60_000,
    mode: 'dump',
    command: RUNS.betaHung.args,
    go_pid: goPid,
    env: { GOPROXY: 'http://127.0.0.1:9/' },
    go_env: null,
    go_env_error: null,
    processes: [],
    network: [],
    goroutines: { raw, parsed: parseGoroutineDump(raw) },
    stderr_tail: [],
    diagnosis: {
      cause: 'proxy-unresponsive',
      summary: 'GOPROXY 127.0.0.1:9 accepted the connection but never answered',
      evidence: ['a connection to 127.0.0.1:9 open for 60s with nothing received'],
      suggestions: ['GOPROXY=https://proxy.golang.org,direct'],
    },
  };
}

before(async () => {
  // One after another, so started_at follows this order.
  for (const run of Object.values(RUNS)) {
    const r = await runShim(run.args, { cwd: run.cwd, env: ENV });
    assert.ok(r.code === 0 || run === RUNS.alphaOld, r.stderr.toString());
  }
  for (const item of await historyJson(ENV)) {
    const run = Object.values(RUNS).find((r) => JSON.stringify(r.args) === JSON.stringify(item.argv))!;
    run.id = item.id as number;
  }
  const store = new HistoryStore(ENV.GOMODSHIM_DB!);
  try {
    store.saveSnapshot(RUNS.betaHung.id, hangSnapshot(store.get(RUNS.betaHung.id)!.go_pid!));
  } finally {
    store.close();
  }
  execSql(ENV.GOMODSHIM_DB!, 'UPDATE runs SET started_at = ? WHERE id = ?', [new Date(Date.now() - 10 * DAY_MS).toISOString(), RUNS.alphaOld.id]);
});

async function cli(args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<string> {
  const r = await runCli(args, { env: ENV, ...opts });
  assert.equal(r.stderr.toString(), '', `gomod-shim ${args.join(' ')}`);
  assert.equal(r.code, 0, `gomod-shim ${args.join(' ')}`);
  return r.stdout.toString();
}

async function ids(args: string[], opts: { cwd?: string } = {}): Promise<number[]> {
  const items = JSON.parse(await cli([...args, '--json'], opts)) as Item[];
  assert.ok(Array.isArray(items));
  return items.map((i) => i.id as number);
}

/** A table's cells, cut at the columns where the header names start. */
function cells(table: string): { header: string[]; rows: string[][] } {
  const [head, ...lines] = table.replace(/\n$/, '').split('\n');
  const names = head.split(/ {2,}/);
  const starts = names.map((n) => head.indexOf(n));
  const cut = (line: string) =>
    starts.map((s, i) => {
      if (i > 0) assert.equal(line[s - 1] ?? ' ', ' ', `column ${names[i]} is not aligned in:\n${table}`);
      return line.slice(s, starts[i + 1]).trim();
    });
  return { header: names, rows: lines.map(cut) };
}

const ESC = '\x1b[';

describe('gomod-shim history and show', { concurrency: true }, () => {
  test('history shows hangs only by default, in an aligned table', async () => {
    const { header, rows } = cells(await cli(['history']));
    assert.deepEqual(header, ['ID', 'WHEN', 'TOOK', 'EXIT', 'CAUSE', 'CALLER', 'MODULE / DIR', 'COMMAND']);
    assert.deepEqual(rows, [[`#${RUNS.betaHung.id}`, rows[0][1], rows[0][2], 'hung', 'proxy-unresponsive', CALLER, 'example.com/cli/beta', 'go list -m all']]);
    assert.match(rows[0][1], /^(just now|\d+s ago)$/, 'WHEN');
  });

  test('history --all: every run, newest first, one aligned row each', async () => {
    const { rows } = cells(await cli(['history', '--all']));
    const expected = [
      [RUNS.betaOk.id, '0', '', 'example.com/cli/beta', 'go list -m -json'],
      [RUNS.betaHung.id, 'hung', 'proxy-unresponsive', 'example.com/cli/beta', 'go list -m all'],
      [RUNS.alphaOk.id, '0', '', 'example.com/cli/alpha', 'go list -m'],
      [RUNS.alphaOld.id, '1', '', 'example.com/cli/alpha', 'go build ./nosuchdir'],
    ];
    assert.deepEqual(
      rows.map((r) => [Number(r[0].slice(1)), r[3], r[4], r[6], r[7]]),
      expected,
    );
    assert.equal(rows[3][1], '10d ago');
    for (const r of rows) assert.match(r[2], /^\d+(ms|\.\ds|s)$/, 'TOOK');
  });

  test('history --json is an array of history items', async () => {
    const items = JSON.parse(await cli(['history', '--all', '--json'])) as Item[];
    assert.deepEqual(
      items.map((i) => i.id),
      [RUNS.betaOk.id, RUNS.betaHung.id, RUNS.alphaOk.id, RUNS.alphaOld.id],
    );
    const hung = items[1];
    assert.equal(hung.hung, true);
    assert.equal(hung.cause, 'proxy-unresponsive');
    assert.match(hung.summary as string, /never answered/);
    assert.equal(items[3].exit_code, 1);
    assert.deepEqual(items[3].argv, ['build', './nosuchdir']);
    assert.deepEqual(
      JSON.parse(await cli(['history', '--json'])).map((i: Item) => i.id),
      [RUNS.betaHung.id],
    );
  });

  test('--limit, --since, --cwd, --module and --cause filter the list', async () => {
    const all = [RUNS.betaOk.id, RUNS.betaHung.id, RUNS.alphaOk.id, RUNS.alphaOld.id];
    const recent = all.slice(0, 3);
    const day = (daysAgo: number) => {
      const d = new Date(Date.now() - daysAgo * DAY_MS);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    };
    const cases: [string[], number[], { cwd?: string }?][] = [
      [['--limit', '1'], all.slice(0, 1)],
      [['--limit', '3'], all.slice(0, 3)],
      [['--since', '2h'], recent],
      [['--since', '7d'], recent],
      [['--since', '30d'], all],
      [['--since', '1w'], recent],
      [['--since', day(5)], recent],
      [['--since', day(20)], all],
      [
        ['--cwd', BETA],
        [RUNS.betaOk.id, RUNS.betaHung.id],
      ],
      [['--cwd', 'alpha'], [RUNS.alphaOk.id, RUNS.alphaOld.id], { cwd: ROOT }],
      [['--cwd', ROOT], []],
      // Runs record the physical folder; a symlinked path to it finds them too.
      [
        ['--cwd', BETA_LINK],
        [RUNS.betaOk.id, RUNS.betaHung.id],
      ],
      [
        ['--module', 'example.com/cli/alpha'],
        [RUNS.alphaOk.id, RUNS.alphaOld.id],
      ],
      [['--module', 'example.com/cli/alpha', '--since', '2h'], [RUNS.alphaOk.id]],
      [['--cause', 'proxy-unresponsive'], [RUNS.betaHung.id]],
      [['--cause', 'dns-stall'], []],
    ];
    await Promise.all(
      cases.map(async ([flags, expected, opts]) => assert.deepEqual(await ids(['history', '--all', ...flags], opts), expected, flags.join(' '))),
    );
    // Without --all only hangs, whatever the other filters.
    assert.deepEqual(await ids(['history', '--cause', 'proxy-unresponsive', '--module', 'example.com/cli/beta']), [RUNS.betaHung.id]);
    assert.deepEqual(await ids(['history', '--module', 'example.com/cli/alpha']), []);
  });

  test('an empty history: friendly lines, an empty JSON array', async () => {
    const env = testEnv(scratch('empty-'));
    assert.equal(await cli(['history'], { env }), 'No hangs recorded. (gomod-shim history --all lists every watched run.)\n');
    assert.equal(await cli(['history', '--all'], { env }), 'No watched runs recorded yet.\n');
    assert.equal(await cli(['history', '--all', '--json'], { env }), '[]\n');
  });

  test('a malformed run journal (another version, a bad disk) does not break history', async () => {
    const env = testEnv(scratch('bad-journal-'));
    const spool = `${env.GOMODSHIM_DB}-spool`;
    fs.mkdirSync(spool, { recursive: true });
    fs.writeFileSync(path.join(spool, 'a.jsonl'), '{"start":{"uuid":"a"}}\n{"end":{"exitCode":0}}\n');
    fs.writeFileSync(path.join(spool, 'b.jsonl'), '\0\0\0\0');
    const r = await runCli(['history', '--all', '--json'], { env });
    assert.equal(r.code, 0);
    assert.equal(r.stdout.toString(), '[]\n');
    // The complete but invalid journal is set aside and named once; the torn one may still be written.
    assert.match(r.stderr.toString(), /^gomod-shim: warning: set aside 1 malformed journal moved to \S+quarantine: a\.jsonl \(no valid start line\)\n$/);
    const again = await runCli(['history', '--all', '--json'], { env });
    assert.equal(again.stderr.toString(), '', 'named once: it is in quarantine now');
  });

  test('show ID, show ID --json, show ID --raw', async () => {
    const plain = await cli(['show', String(RUNS.alphaOld.id)]);
    assert.match(plain, new RegExp(`^Run #${RUNS.alphaOld.id}  go build \\./nosuchdir\\n`));
    assert.match(plain, /^outcome +1$/m);
    assert.match(plain, /^module +example\.com\/cli\/alpha$/m);
    assert.match(plain, new RegExp(`^dir +${fs.realpathSync(ALPHA).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`, 'm'));
    assert.equal(await cli(['show', `#${RUNS.alphaOld.id}`]), plain, '#ID is the same run');

    const hung = await cli(['show', String(RUNS.betaHung.id)]);
    assert.match(hung, /^Hung: proxy-unresponsive — GOPROXY 127\.0\.0\.1:9 accepted the connection but never answered$/m);
    assert.match(hung, /Hung: proxy-unresponsive/);
    assert.match(hung, /GOPROXY=https:\/\/proxy\.golang\.org,direct/, 'the suggestion');

    const json = JSON.parse(await cli(['show', String(RUNS.betaHung.id), '--json'])) as Item;
    assert.equal(json.id, RUNS.betaHung.id);
    assert.deepEqual(json.argv, RUNS.betaHung.args);
    const snapshot = json.snapshot as Snapshot;
    assert.equal(snapshot.diagnosis.cause, 'proxy-unresponsive');
    assert.ok(snapshot.goroutines.parsed.length > 0);
    assert.equal(JSON.parse(await cli(['show', String(RUNS.alphaOk.id), '--json'])).snapshot, null);

    assert.equal(await cli(['show', String(RUNS.betaHung.id), '--raw']), hangSnapshot(0).goroutines.raw);
  });

  test('show of an unknown run: exit 1 and one line', async () => {
    for (const args of [
      ['show', '999'],
      ['show', String(RUNS.alphaOk.id), '--raw'],
    ]) {
      const r = await runCli(args, { env: ENV });
      assert.equal(r.code, 1, args.join(' '));
      assert.match(r.stderr.toString(), /^gomod-shim: [^\n]+\n$/);
      assert.equal(r.stdout.length, 0);
    }
  });

  test('usage errors: exit 2, one line pointing to --help', async () => {
    const bad = [
      ['history', '--bogus'],
      ['history', '--limit', '0'],
      ['history', '--limit', 'abc'],
      ['history', '--limit'],
      ['history', '--since', 'yesterday'],
      ['history', '--since', '2026-02-30'],
      ['history', '--cause', 'nope'],
      ['show'],
      ['show', 'abc'],
      ['show', '0'],
      ['show', '1', '--bogus'],
      ['nosuchcommand'],
      [],
    ];
    await Promise.all(
      bad.map(async (args) => {
        const r = await runCli(args, { env: ENV });
        const what = `gomod-shim ${args.join(' ')}`;
        assert.equal(r.code, 2, `${what}: ${r.stderr}`);
        assert.match(r.stderr.toString(), /^gomod-shim: [^\n]+ \(see gomod-shim ([a-z]+ )?--help\)\n$/, what);
        assert.equal(r.stdout.length, 0, what);
      }),
    );
  });

  test('--help and --version', async () => {
    assert.match(await cli(['--help']), /^Usage: gomod-shim COMMAND/m);
    assert.match(await cli(['--help']), /^ {2}history +past hangs/m);
    assert.match(await cli(['history', '--help']), /^Usage: gomod-shim history \[--all\]/);
    assert.match(await cli(['show', '-h']), /^Usage: gomod-shim show ID/);
    assert.equal(await cli(['--version']), `gomod-shim ${version}\n`);
  });

  test('colour only on a terminal, and never under NO_COLOR or TERM=dumb', async () => {
    const { NO_COLOR: _, ...colourEnv } = ENV;
    assert.ok(!(await cli(['history', '--all'], { env: colourEnv })).includes(ESC), 'colour into a pipe');
    assert.ok(!(await cli(['show', String(RUNS.betaHung.id)], { env: colourEnv })).includes(ESC), 'colour into a pipe');

    // script(1) from util-linux gives the CLI a terminal.
    const hasScript = spawnSync('sh', ['-c', 'command -v script']).status === 0;
    if (!hasScript) return;
    const onTty = (env: NodeJS.ProcessEnv) => {
      const r = spawnSync('script', ['-qec', `${SHIM_CLI} history --all`, '/dev/null'], {
        env: { ...env, SHELL: '/bin/sh' },
        encoding: 'utf8',
        timeout: 30_000,
      });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /go list -m -json/);
      return r.stdout;
    };
    assert.ok(onTty({ ...colourEnv, TERM: 'xterm' }).includes(`${ESC}1mID`), 'no colour on a terminal');
    assert.ok(!onTty({ ...colourEnv, TERM: 'xterm', NO_COLOR: '1' }).includes(ESC), 'colour under NO_COLOR');
    assert.ok(!onTty({ ...colourEnv, TERM: 'dumb' }).includes(ESC), 'colour under TERM=dumb');
  });

  test('a closed pipe ends the CLI quietly with status 0', async () => {
    const env = testEnv(scratch('pipe-'));
    const db = env.GOMODSHIM_DB!;
    const first = await runShim(['list', '-m'], { cwd: ALPHA, env });
    assert.equal(first.code, 0);
    await historyJson(env);
    // 3000 rows: far more than a pipe holds, so the CLI is still writing when head has gone.
    execSql(
      db,
      `INSERT INTO runs (uuid, status, started_at, cwd, module, subcommand, argv, exit_code, duration_ms)
       SELECT lower(hex(randomblob(16))), status, started_at, cwd, module, subcommand, argv, exit_code, duration_ms
       FROM runs, (WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 3000) SELECT x FROM n)`,
    );
    for (const flags of [[], ['--json']]) {
      const dir = scratch('pipe-run-');
      const script = `{ "$CLI" history --all --limit 5000 ${flags.join(' ')} 2>"$DIR/err"; echo $? >"$DIR/status"; } | head -1`;
      const r = spawnSync('sh', ['-c', script], { env: { ...env, CLI: SHIM_CLI, DIR: dir }, encoding: 'utf8', timeout: 30_000 });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, flags.length ? /^\[\n$/ : /^ID +WHEN/);
      assert.equal(fs.readFileSync(path.join(dir, 'status'), 'utf8'), '0\n', `exit status with ${flags.join(' ')}`);
      assert.equal(fs.readFileSync(path.join(dir, 'err'), 'utf8'), '', `stderr with ${flags.join(' ')}`);
    }
  });
});
