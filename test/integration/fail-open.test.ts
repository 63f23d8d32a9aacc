// Fail-open (docs/contract.md): with the history database, its folder or the configuration
// unusable, go runs with the same output and status; the shim adds at most one warning
// line. Real breakage only: read-only and full filesystems (mount), garbage files, a
// lock held by another connection. And once repaired, the journalled runs come back.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { assertSameAsRealGo, shimWarnings } from '../helpers/compare';
import { holdExclusiveLock, journalFiles } from '../helpers/database';
import { BUILD_TIMEOUT_MS, goCacheIn, writeSleeper } from '../helpers/go-programs';
import { fillDisk, mountReadOnly, mountTmpfs, unmount } from '../helpers/mounts';
import { historyJson, type RunResult, runCli, runRealGo, runShim, tempDir, testEnv } from '../helpers/shim';

const ROOT = tempDir('gomod-shim-fail-open-');
const GOCACHE = goCacheIn(ROOT);
const SLEEPER = writeSleeper(path.join(ROOT, 'sleeper'));

interface Broken {
  /** Undoes the breakage, after which the history must work again; null: it cannot be undone. */
  repair: (() => void) | null;
  /** Runs from while it was broken that must show up once repaired (their journals survived). */
  recovers: boolean;
  /**
   * What the history is while broken: `error` (a reader says why, in one line), `readable` (it can
   * still be read, as a read-only database can), `off` (not a regular file: history is off, quietly).
   */
  history?: 'error' | 'readable' | 'off';
}

interface Breakage {
  name: string;
  /** The database path for a test folder. */
  dbPath(dir: string): string;
  /** Sets the scene before the breakage (a database, a small filesystem); returns its undoing. */
  prepare?(env: NodeJS.ProcessEnv): Promise<() => void>;
  breakIt(db: string): Broken;
}

/** Creates and migrates the history database as `gomod-shim history` does. */
async function createDatabase(env: NodeJS.ProcessEnv): Promise<() => void> {
  const r = await runCli(['history', '--all'], { env });
  assert.equal(r.code, 0, r.stderr.toString());
  return () => {};
}

const inState = (dir: string) => path.join(dir, 'state', 'history.db');

const BREAKAGES: Breakage[] = [
  {
    name: 'a read-only database folder',
    dbPath: inState,
    prepare: createDatabase,
    breakIt: (db) => {
      mountReadOnly(path.dirname(db));
      return { repair: () => unmount(path.dirname(db)), recovers: false, history: 'readable' };
    },
  },
  {
    name: 'a garbage file at the database path',
    dbPath: inState,
    breakIt: (db) => {
      fs.mkdirSync(path.dirname(db), { recursive: true });
      fs.writeFileSync(db, 'this is not an SQLite database\n'.repeat(300));
      return { repair: () => fs.rmSync(db), recovers: true };
    },
  },
  {
    // Not a regular file: the history is off for these runs (docs/contract.md, "History").
    name: 'a directory at the database path',
    dbPath: inState,
    breakIt: (db) => {
      fs.mkdirSync(db, { recursive: true });
      return { repair: () => fs.rmdirSync(db), recovers: false, history: 'off' };
    },
  },
  {
    name: 'a database path under /proc',
    dbPath: () => '/proc/gomod-shim-test/history.db',
    breakIt: () => ({ repair: null, recovers: false }),
  },
  {
    name: 'a database locked by another connection (BEGIN EXCLUSIVE)',
    dbPath: inState,
    prepare: createDatabase,
    breakIt: (db) => ({ repair: holdExclusiveLock(db), recovers: true }),
  },
  {
    name: 'a full disk',
    dbPath: inState,
    // A 512 kB tmpfs holding a real database, then filled to the last block.
    prepare: async (env) => {
      const folder = path.dirname(env.GOMODSHIM_DB!);
      mountTmpfs(folder, 512);
      try {
        await createDatabase(env);
      } catch (err) {
        unmount(folder);
        throw err;
      }
      return () => unmount(folder);
    },
    breakIt: (db) => {
      fillDisk(path.dirname(db));
      return { repair: () => fs.rmSync(path.join(path.dirname(db), 'filler')), recovers: false };
    },
  },
];

/** The same go run through the shim and straight to go, at the same time. */
async function sideBySide(args: string[], env: NodeJS.ProcessEnv): Promise<RunResult> {
  const [shim, real] = await Promise.all([runShim(args, { cwd: SLEEPER, env }), runRealGo(args, { cwd: SLEEPER, env })]);
  assertSameAsRealGo(shim, real, `go ${args.join(' ')}`);
  return shim;
}

/** A failing CLI: one `gomod-shim: …` line, no stack trace, nothing on stdout. */
function assertOneLineError(r: RunResult, what: string): void {
  const err = r.stderr.toString();
  assert.notEqual(r.code, 0, `${what}: exit status`);
  assert.match(err, /^gomod-shim: [^\n]+\n$/, `${what}: not one gomod-shim line:\n${err}`);
  assert.doesNotMatch(err, /\bat .+:\d+:\d+|internal error/, `${what}: a stack trace`);
  assert.equal(r.stdout.length, 0, `${what}: stdout`);
}

before(async () => {
  const r = await runRealGo(['build', '-o', path.join(ROOT, 'sleeper-bin'), '.'], { cwd: SLEEPER, env: testEnv(ROOT, GOCACHE), timeoutMs: BUILD_TIMEOUT_MS });
  assert.equal(r.code, 0, r.stderr.toString());
});

describe('fail-open', { concurrency: 3 }, () => {
  for (const b of BREAKAGES) {
    test(`${b.name}: go runs as if the shim were not there`, async () => {
      const dir = fs.mkdtempSync(path.join(ROOT, 'case-'));
      const env = testEnv(dir, { ...GOCACHE, GOMODSHIM_WATCH: 'all', GOMODSHIM_DB: b.dbPath(dir) });
      const db = env.GOMODSHIM_DB!;
      const tag = b.name.replace(/\W+/g, '-');
      const undoPrepare = b.prepare ? await b.prepare(env) : () => {};
      try {
        const broken = b.breakIt(db);
        try {
          // Short: journal only. Long (5 s: the watcher starts beside it, on a loaded machine too): the database too.
          const [short, long] = await Promise.all([
            sideBySide(['run', '.', '0', '3', `${tag}-short`], env),
            sideBySide(['run', '.', '5000', '0', `${tag}-long`], env),
          ]);
          assert.equal(short.code, 1, 'the short run should fail (exit 3 → go run exits 1)');
          const history = broken.history ?? 'error';
          const warned = history === 'off' ? 0 : 1;
          assert.equal(shimWarnings(long.stderr).length, warned, `the long run should say why it is not recorded (unless history is off):\n${long.stderr}`);

          const cli = await runCli(['history', '--all'], { env });
          if (history === 'readable') assert.equal(cli.code, 0, `history with ${b.name}: ${cli.stderr}`);
          else assertOneLineError(cli, `history with ${b.name}`);
          if (history === 'off') assert.match(cli.stderr.toString(), /history is off/);
          // Under a writer's lock reading works (WAL); folding the journals in waits, then gives up.
          if (b.name.includes('locked')) assert.match(cli.stderr.toString(), /locked/);
        } finally {
          broken.repair?.();
        }
        if (!broken.repair) return;

        const items = await historyJson(env);
        assert.deepEqual(journalFiles(db), [], 'journals left once read (or empty ones from failed writes)');
        if (broken.recovers) {
          assert.deepEqual(items.map((i) => (i.argv as string[])[4]).sort(), [`${tag}-long`, `${tag}-short`], 'runs journalled while broken');
          for (const item of items) assert.equal(item.status, 'finished');
          assert.equal(items.find((i) => (i.argv as string[])[4] === `${tag}-short`)?.exit_code, 1);
        }
        // Repaired: a new run is recorded again, silently.
        const after = await runShim(['run', '.', '0', '0', `${tag}-after`], { cwd: SLEEPER, env });
        assert.equal(after.stderr.toString(), 'a line on stderr\n');
        assert.ok(
          (await historyJson(env)).some((i) => (i.argv as string[])[4] === `${tag}-after`),
          'the run after the repair',
        );
      } finally {
        undoPrepare();
      }
    });
  }

  test('malformed settings: one warning line, and go runs and is recorded as usual', async () => {
    const settings = [
      { GOMODSHIM_HANG_AFTER: 'abc' },
      { GOMODSHIM_ON_HANG: 'loud' },
      { GOMODSHIM_HANG_AFTER: 'abc', GOMODSHIM_ON_HANG: 'loud', GOMODSHIM_PROBE_TIMEOUT: '-1s' },
    ];
    await Promise.all(
      settings.map(async (extra, n) => {
        const dir = fs.mkdtempSync(path.join(ROOT, 'settings-'));
        const env = testEnv(dir, { ...GOCACHE, GOMODSHIM_WATCH: 'all', ...extra });
        // 5 s: long enough for the watcher, which reads these settings, to start beside go and say so
        // on a loaded machine (a short run says nothing of settings it does not use).
        const shim = await sideBySide(['run', '.', '5000', '0', `settings-${n}`], env);
        const warnings = shimWarnings(shim.stderr);
        assert.equal(warnings.length, 1, shim.stderr.toString());
        for (const [name, value] of Object.entries(extra)) assert.ok(warnings[0].includes(`${name}=${value}`), warnings[0]);
        const items = await historyJson(env);
        assert.deepEqual(
          items.map((i) => i.argv),
          [['run', '.', '5000', '0', `settings-${n}`]],
        );
      }),
    );
  });
});
