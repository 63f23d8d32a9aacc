// What the history records of watched runs, run for real: the built shim, the real go,
// a real SQLite file. docs/contract.md, "History"; docs/architecture.md, two-phase run records.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { assertSameAsRealGo } from '../helpers/compare';
import { journalFiles, journalStartTagged, rawRuns, rawRunTagged } from '../helpers/database';
import { BUILD_TIMEOUT_MS, goCacheIn, writeSleeper } from '../helpers/go-programs';
import { bytesWritten, commOf, descendantPids, goUnder, killTree, pidExists, waitFor, waitUntil } from '../helpers/processes';
import { historyJson, isRunning, REAL_GO, type RunResult, runCli, runRealGo, runShim, tempDir, testEnv, writeModule } from '../helpers/shim';

/** go -C exists from Go 1.20 on; an older go rejects the flag with exit 2. */
const GO_HAS_DASH_C = Number(/^go1\.(\d+)/.exec(spawnSync(REAL_GO, ['env', 'GOVERSION'], { encoding: 'utf8' }).stdout)?.[1] ?? 0) >= 20;

const ROOT = tempDir('gomod-shim-history-');
const scratch = (prefix: string) => fs.mkdtempSync(path.join(ROOT, prefix));
// One build cache for the file: the sleeper compiles once, each later `go run` only links.
const GOCACHE = goCacheIn(ROOT);
const SLEEPER = writeSleeper(path.join(ROOT, 'sleeper'));

const CONTRACT_FIELDS = ['id', 'started_at', 'duration_ms', 'cwd', 'module', 'argv', 'exit_code', 'signal', 'hung', 'cause', 'summary'];
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

type Item = Record<string, unknown>;

/** The one history item whose argv holds tag (fails on none or several). */
function tagged(items: Item[], tag: string): Item {
  const found = items.filter((i) => (i.argv as string[]).includes(tag));
  assert.equal(found.length, 1, `runs tagged ${tag}: ${JSON.stringify(found)}`);
  return found[0];
}

/** An environment where `go run` is watched too, so the sleeper makes watched runs of any length. */
function watchAllEnv(dir: string): NodeJS.ProcessEnv {
  return testEnv(dir, { ...GOCACHE, GOMODSHIM_WATCH: 'all' });
}

before(async () => {
  const r = await runRealGo(['build', '-o', path.join(ROOT, 'sleeper-bin'), '.'], { cwd: SLEEPER, env: testEnv(ROOT, GOCACHE), timeoutMs: BUILD_TIMEOUT_MS });
  assert.equal(r.code, 0, r.stderr.toString());
});

describe('history', { concurrency: true }, () => {
  test('every watched run is recorded with the contract fields; unwatched runs are not', async () => {
    const dir = scratch('fields-');
    const env = testEnv(dir, GOCACHE);
    const db = env.GOMODSHIM_DB!;
    const mod = writeSleeper(path.join(dir, 'mod'), 'example.com/fields/main');
    writeModule(path.join(dir, 'outer', 'inner'), { 'go.mod': 'module example.com/fields/inner\n\ngo 1.19\n' });

    for (const args of [['version'], ['env', 'GOPATH']]) {
      const [shim, real] = await Promise.all([runShim(args, { cwd: mod, env }), runRealGo(args, { cwd: mod, env })]);
      assertSameAsRealGo(shim, real, `go ${args.join(' ')}`);
    }
    assert.equal(fs.existsSync(path.dirname(db)), false, 'an unwatched run touched the history folder');

    const cases = [
      { args: ['list', '-m'], cwd: mod, env, module: 'example.com/fields/main' },
      { args: ['build', './nosuchdir'], cwd: mod, env, module: 'example.com/fields/main' },
      // Go 1.19 has no -C (it exits 2), yet either way the record names the module of the folder -C points at.
      { args: ['-C', 'outer/inner', 'list', '-m'], cwd: dir, env, module: 'example.com/fields/inner' },
      // Outlives the supervisor's first second: recorded through SQLite, not only the journal.
      { args: ['run', '.', '1300', '3', 'long'], cwd: mod, env: { ...env, GOMODSHIM_WATCH: 'all' }, module: 'example.com/fields/main' },
    ];
    const startedMs = Date.now();
    const results = await Promise.all(
      cases.map(async (c) => {
        const [shim, real] = await Promise.all([runShim(c.args, c), runRealGo(c.args, c)]);
        assertSameAsRealGo(shim, real, `go ${c.args.join(' ')}`);
        return shim;
      }),
    );
    const endedMs = Date.now();
    assert.deepEqual(
      results.map((r) => r.code),
      [0, 1, GO_HAS_DASH_C ? 0 : 2, 1],
      'the cases do not succeed and fail as intended',
    );

    // The watcher beside the > 1 s run completes its row just after go exits (the shim does not wait).
    await waitFor('the > 1 s run finished in SQLite', () => rawRunTagged(db, 'long')?.status === 'finished');
    const long = rawRunTagged(db, 'long');
    assert.equal(long?.exit_code, 1);

    const items = await historyJson(env);
    assert.equal(items.length, cases.length, JSON.stringify(items, null, 2));
    assert.equal(new Set(items.map((i) => i.id)).size, items.length, 'ids are not unique');
    cases.forEach((c, n) => {
      const item = items.find((i) => JSON.stringify(i.argv) === JSON.stringify(c.args));
      assert.ok(item, `no record of go ${c.args.join(' ')}`);
      for (const field of CONTRACT_FIELDS) assert.ok(field in item, `${field} missing from ${JSON.stringify(item)}`);
      assert.ok(Number.isInteger(item.id) && (item.id as number) > 0);
      assert.match(item.started_at as string, ISO_8601);
      const started = Date.parse(item.started_at as string);
      assert.ok(started >= startedMs - 1000 && started <= endedMs, `started_at ${item.started_at} outside the test`);
      assert.ok(Number.isInteger(item.duration_ms), `duration_ms ${item.duration_ms}`);
      assert.ok((item.duration_ms as number) >= 0 && (item.duration_ms as number) <= endedMs - startedMs + 1000);
      assert.equal(item.cwd, fs.realpathSync(c.cwd));
      assert.equal(item.module, c.module);
      assert.equal(item.exit_code, results[n].code);
      assert.equal(item.signal, null);
      assert.equal(item.hung, false);
      assert.equal(item.cause, null);
      assert.equal(item.summary, null);
      assert.equal(item.status, 'finished');
    });
    const longItem = tagged(items, 'long');
    assert.ok((longItem.duration_ms as number) >= 1300, `the long run took ${longItem.duration_ms} ms`);

    assert.equal(fs.statSync(db).mode & 0o777, 0o600, 'database file mode');
    assert.equal(fs.statSync(path.dirname(db)).mode & 0o777, 0o700, 'database folder mode');
    assert.equal(fs.statSync(`${db}-spool`).mode & 0o777, 0o700, 'journal folder mode');
    assert.deepEqual(journalFiles(db), [], 'journals left after a reader folded them in');
  });

  test('a dozen watched runs at once are each recorded exactly once, silently', async () => {
    const dir = scratch('concurrent-');
    const env = watchAllEnv(dir);
    const db = env.GOMODSHIM_DB!;
    const runs = Array.from({ length: 12 }, (_, i) => ({
      tag: `c${i}`,
      // Half outlive the first second, so their watchers open SQLite and write to it at about the same time.
      sleepMs: i % 2 === 0 ? 1300 : 0,
      exitCode: i % 3,
    }));
    const results = await Promise.all(runs.map((r) => runShim(['run', '.', String(r.sleepMs), String(r.exitCode), r.tag], { cwd: SLEEPER, env })));
    results.forEach((res, i) => {
      assert.doesNotMatch(res.stderr.toString(), /gomod-shim:/, `run ${runs[i].tag} said something`);
      assert.equal(res.stdout.toString(), `started [${runs[i].tag}]\ndone\n`);
      // go run exits 1 when the program fails.
      assert.equal(res.code, runs[i].exitCode === 0 ? 0 : 1);
    });

    // The watcher beside each long run completes its row just after go exits (the shim does not wait).
    for (const r of runs.filter((r) => r.sleepMs > 0)) {
      await waitFor(`${r.tag} finished in SQLite`, () => rawRunTagged(db, r.tag)?.status === 'finished');
    }
    const items = await historyJson(env);
    assert.equal(items.length, runs.length, JSON.stringify(items.map((i) => i.argv)));
    assert.equal(new Set(items.map((i) => i.uuid)).size, runs.length, 'a run was recorded twice');
    runs.forEach((r, i) => {
      const item = tagged(items, r.tag);
      assert.equal(item.exit_code, results[i].code);
      assert.equal(item.status, 'finished');
    });
    assert.equal(rawRuns(db).length, runs.length);
  });

  test('go ended by a signal: the run records the signal, and no exit code', async () => {
    const dir = scratch('signal-');
    const env = watchAllEnv(dir);
    let shimPid = 0;
    const running = runShim(['run', '.', '30000', '0', 'signalled'], { cwd: SLEEPER, env, onSpawn: (pid) => (shimPid = pid) });
    let tree: number[] = [];
    let ended = false;
    let leftovers: number[] = [];
    try {
      // go and the program it runs, both up: then go (not the shim) gets SIGKILL.
      tree = await waitFor('go run under way', () => {
        const go = shimPid > 0 ? goUnder(shimPid) : undefined;
        const pids = go === undefined ? [] : [go, ...descendantPids(go)];
        return pids.some((p) => commOf(p) === 'fixture') ? pids : undefined;
      });
      process.kill(tree[0], 'SIGKILL');
      const r = await running;
      leftovers = tree.filter(isRunning);
      ended = true;
      assert.equal(r.signal, 'SIGKILL', "the shim dies by go's signal");
      assert.deepEqual(leftovers, [], "go's program left running");
      const item = tagged(await historyJson(env), 'signalled');
      assert.equal(item.signal, 'SIGKILL');
      assert.equal(item.exit_code, null);
      assert.equal(item.status, 'finished');
      assert.equal(item.go_pid, tree[0]);
    } finally {
      // The whole tree only if the test failed midway: once the run is over its pids may be
      // others' now, so then only what was just seen still running.
      for (const pid of ended ? leftovers : [shimPid, ...tree].filter((p) => p > 0)) killTree(pid);
    }
  });

  test('a shim killed by SIGKILL leaves its run unfinished: running, then lost, with no exit code', async () => {
    const dir = scratch('killed-');
    const env = watchAllEnv(dir);
    const db = env.GOMODSHIM_DB!;
    const started: { shimPid: number; goPid: number | null; killed: boolean; running: Promise<RunResult> }[] = [];

    /** Starts a 30 s sleeper through the shim; SIGKILLs the shim once ready() gives go's pid. */
    async function killMidRun(tag: string, ready: (shimPid: number) => number | null | undefined, beforeKill = async () => {}) {
      const run = { shimPid: 0, goPid: null as number | null, killed: false, running: null as unknown as Promise<RunResult> };
      run.running = runShim(['run', '.', '30000', '0', tag], {
        cwd: SLEEPER,
        env,
        onSpawn: (pid) => (run.shimPid = pid),
        // A process group of its own, as a job in an interactive shell.
        detached: true,
      });
      started.push(run);
      run.goPid = await waitFor(`${tag} under way`, () => (run.shimPid > 0 && ready(run.shimPid)) || undefined);
      await beforeKill();
      process.kill(run.shimPid, 'SIGKILL');
      run.killed = true;
      await waitFor(`the shim of ${tag} to be gone`, () => !pidExists(run.shimPid));
      return run;
    }

    try {
      // Long: killed after its row reached SQLite and the program has printed its two lines
      // (a later write to the dead shim's stderr pipe would end it by SIGPIPE).
      const printed = `started [killed-long]\na line on stderr\n`.length;
      const long = await killMidRun(
        'killed-long',
        (shimPid) => {
          const programPrinted = descendantPids(shimPid).some((p) => commOf(p) === 'fixture' && (bytesWritten(p) ?? 0) >= printed);
          return programPrinted ? rawRunTagged(db, 'killed-long')?.go_pid : null;
        },
        async () => {
          const live = tagged(await historyJson(env), 'killed-long');
          assert.equal(live.status, 'running', 'a live run, as a reader sees it');
          assert.equal(live.exit_code, null);
        },
      );
      // Short: killed as soon as its journal exists, well before the supervisor's first second.
      const short = await killMidRun('killed-short', () => journalStartTagged(db, 'killed-short')?.goPid);

      // The watcher beside the long run marks it lost once the front is gone (or has not yet).
      assert.match(rawRunTagged(db, 'killed-long')?.status ?? '', /^(running|lost)$/, 'the raw row of the killed > 1 s run');
      assert.equal(rawRunTagged(db, 'killed-long')?.exit_code, null);
      assert.equal(rawRunTagged(db, 'killed-short'), undefined, 'the short run reached SQLite before it was killed');
      // go dies with the front (Pdeathsig): a SIGKILLed shim leaves no go behind.
      for (const killed of [long, short]) assert.ok(await waitUntil(() => !isRunning(killed.goPid!), 10_000), `go ${killed.goPid} outlived its shim`);

      const table = await runCli(['history', '--all'], { env });
      assert.equal(table.code, 0, table.stderr.toString());
      const lines = table.stdout.toString().split('\n');
      for (const tag of ['killed-long', 'killed-short']) {
        const line = lines.find((l) => l.includes(tag));
        assert.match(line ?? '', /\blost\b/, `history --all for ${tag}:\n${table.stdout}`);
      }

      const items = await historyJson(env);
      for (const [tag, killed] of [
        ['killed-long', long],
        ['killed-short', short],
      ] as const) {
        const item = tagged(items, tag);
        assert.equal(item.status, 'lost');
        assert.equal(item.exit_code, null);
        assert.equal(item.signal, null);
        assert.equal(item.duration_ms, null);
        assert.equal(item.go_pid, killed.goPid, 'the recorded go pid');
      }
      assert.deepEqual(
        rawRuns(db).map((r) => r.status),
        ['lost', 'lost'],
        'the raw rows once a reader looked',
      );
      assert.deepEqual(journalFiles(db), []);
    } finally {
      // The orphaned go trees by the pid they recorded; a shim not yet killed, with its tree.
      for (const run of started) {
        if (run.goPid !== null) killTree(run.goPid);
        if (!run.killed && run.shimPid > 0) killTree(run.shimPid);
      }
    }
    for (const run of started) {
      await run.running; // stdout closes once go and its program are gone
      assert.equal(isRunning(run.goPid!), false);
    }
  });
});
