// Issue 9, file safety (docs/contract.md, "History"): the shim never follows a symlink for its
// database, journal or state folder, never changes the mode of what it did not create, creates
// nothing beside a path that is not its own, and turns the history off quietly for `off` or a path
// that is not a regular file. Written against external behaviour only (files on disk, go's output
// and status, our warning lines), so it holds whichever program (the Node.js supervisor or the Go
// front) runs the watched path.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { assertSameAsRealGo, shimWarnings } from '../helpers/compare';
import { mountReadOnly, unmount } from '../helpers/mounts';
import { type RunResult, runCli, runRealGo, runShim, testEnv, writeModule } from '../helpers/shim';

const ROOT = fs.mkdtempSync(path.join(os.tmpdir(), 'gomod-shim-files-'));
process.once('exit', () => fs.rmSync(ROOT, { recursive: true, force: true }));
const scratch = (prefix: string) => fs.mkdtempSync(path.join(ROOT, prefix));
/** A quick watched call (`list` is watched by default); a FIFO read would stall it far past this. */
const RUN_BOUND_MS = 30_000;
const OTHER_UID = 65534;

function moduleIn(dir: string): string {
  return writeModule(path.join(dir, 'mod'), { 'go.mod': 'module example.com/files/m\n\ngo 1.21\n' });
}

/** What must not change: type, mode, owner and content (for files) of a path, without following it. */
function fingerprint(p: string): string {
  const st = fs.lstatSync(p);
  const content = st.isFile() ? fs.readFileSync(p, 'latin1') : st.isSymbolicLink() ? fs.readlinkSync(p) : '';
  return JSON.stringify({ mode: st.mode, uid: st.uid, gid: st.gid, size: st.isFile() ? st.size : 0, content });
}

/** `go list -m` through the shim and straight, compared; returns the shim's run. */
async function watchedRun(env: NodeJS.ProcessEnv, cwd: string): Promise<RunResult> {
  const opts = { cwd, env, timeoutMs: RUN_BOUND_MS };
  const [shim, real] = await Promise.all([runShim(['list', '-m'], opts), runRealGo(['list', '-m'], opts)]);
  assertSameAsRealGo(shim, real, 'go list -m');
  return shim;
}

describe('file safety', { concurrency: true }, () => {
  test('a symlinked database: the target keeps its mode and content, nothing is created beside it', async () => {
    const dir = scratch('symlink-db-');
    const target = path.join(dir, 'precious');
    fs.writeFileSync(target, 'root:x:0:0::/root:/bin/sh\n', { mode: 0o644 });
    const db = path.join(dir, 'state', 'history.db');
    fs.mkdirSync(path.dirname(db), { mode: 0o700 });
    fs.symlinkSync(target, db);
    const before = fingerprint(target);
    const env = testEnv(dir, { GOMODSHIM_DB: db });
    const r = await watchedRun(env, moduleIn(dir));
    assert.deepEqual(shimWarnings(r.stderr), [], 'history off is quiet');
    const cli = await runCli(['history', '--all'], { env, timeoutMs: RUN_BOUND_MS });
    assert.equal(cli.code, 1);
    assert.match(cli.stderr.toString(), /^gomod-shim: history is off \(.*is not a regular file\)[^\n]*\n$/);
    assert.equal(fingerprint(target), before);
    assert.deepEqual(fs.readdirSync(path.dirname(db)), ['history.db'], 'no -spool, -wal or -shm beside the link');
  });

  test('a dangling symlink as database: its target is not created', async () => {
    const dir = scratch('dangling-');
    const target = path.join(dir, 'elsewhere', 'created.db');
    fs.mkdirSync(path.dirname(target));
    const db = path.join(dir, 'history.db');
    fs.symlinkSync(target, db);
    const env = testEnv(dir, { GOMODSHIM_DB: db });
    await watchedRun(env, moduleIn(dir));
    await runCli(['history', '--all'], { env, timeoutMs: RUN_BOUND_MS });
    assert.deepEqual(fs.readdirSync(path.dirname(target)), []);
  });

  test('a symlinked state folder: the folder it points at is not chmod-ed, and nothing is written in it', async () => {
    const dir = scratch('symlink-state-');
    const real = path.join(dir, 'shared');
    fs.mkdirSync(real, { mode: 0o755 });
    fs.chmodSync(real, 0o755);
    fs.symlinkSync(real, path.join(dir, 'state'));
    const env = testEnv(dir); // GOMODSHIM_DB is DIR/state/history.db
    const before = fingerprint(real);
    const r = await watchedRun(env, moduleIn(dir));
    assert.ok(shimWarnings(r.stderr).length <= 1);
    const cli = await runCli(['history', '--all'], { env, timeoutMs: RUN_BOUND_MS });
    assert.equal(cli.code, 1, 'the history is refused, in one line');
    assert.match(cli.stderr.toString(), /^gomod-shim: history database .* is unusable: .*state is a symbolic link\n$/);
    assert.equal(fingerprint(real), before);
    assert.deepEqual(fs.readdirSync(real), []);
  });

  test("another user's 0777 state and journal folders are not used, nor chmod-ed", async () => {
    const dir = scratch('foreign-');
    const state = path.join(dir, 'state');
    const spool = path.join(state, 'history.db-spool');
    for (const d of [state, spool]) {
      fs.mkdirSync(d);
      fs.chmodSync(d, 0o777);
      fs.chownSync(d, OTHER_UID, OTHER_UID);
    }
    const before = [fingerprint(state), fingerprint(spool)];
    const env = testEnv(dir);
    const r = await watchedRun(env, moduleIn(dir));
    assert.ok(shimWarnings(r.stderr).length <= 1);
    const cli = await runCli(['history', '--all'], { env, timeoutMs: RUN_BOUND_MS });
    assert.match(cli.stderr.toString(), /belongs to another user \(uid 65534\)/);
    assert.deepEqual([fingerprint(state), fingerprint(spool)], before);
    assert.deepEqual(fs.readdirSync(spool), [], 'no journal in a folder another user controls');
    assert.deepEqual(fs.readdirSync(state), ['history.db-spool'], 'no database either');
  });

  test('GOMODSHIM_DB=/dev/null and =off: history off, quietly; the device keeps its mode, no /dev/null-spool', async () => {
    const dir = scratch('devnull-');
    const before = fingerprint('/dev/null');
    for (const value of ['/dev/null', 'off']) {
      const env = testEnv(dir, { GOMODSHIM_DB: value });
      const r = await watchedRun(env, moduleIn(dir));
      assert.deepEqual(shimWarnings(r.stderr), [], value);
    }
    assert.equal(fingerprint('/dev/null'), before);
    assert.equal(fs.existsSync('/dev/null-spool'), false);
    assert.equal(fs.existsSync(path.join(dir, 'state')), false);
  });

  test('a FIFO as database and as config file: go runs as usual, no reader waits on it', async () => {
    const dir = scratch('fifo-');
    const db = path.join(dir, 'state', 'history.db');
    fs.mkdirSync(path.dirname(db), { mode: 0o700 });
    execFileSync('mkfifo', [db]);
    const config = path.join(dir, 'config', 'gomod-shim', 'config.json');
    fs.mkdirSync(path.dirname(config), { recursive: true });
    execFileSync('mkfifo', [config]);
    const env = testEnv(dir, { XDG_CONFIG_HOME: path.join(dir, 'config') });
    const r = await watchedRun(env, moduleIn(dir));
    assert.ok(shimWarnings(r.stderr).length <= 1, `${r.stderr}`);
    const cli = await runCli(['history', '--all'], { env, timeoutMs: RUN_BOUND_MS });
    assert.equal(cli.code, 1);
    assert.match(cli.stderr.toString(), /config\.json is not a regular file/);
    assert.equal(
      cli.stderr
        .toString()
        .split('\n')
        .filter((l) => l.startsWith('gomod-shim: warning:')).length,
      1,
    );
    assert.ok(fs.lstatSync(db).isFIFO() && fs.lstatSync(config).isFIFO());
    assert.deepEqual(fs.readdirSync(path.dirname(db)), ['history.db']);
  });

  test('a relative GOMODSHIM_DB: refused with one warning, nothing created in the working folder', async () => {
    const dir = scratch('relative-');
    const mod = moduleIn(dir);
    const before = fs.readdirSync(mod).sort();
    const env = testEnv(dir, { GOMODSHIM_DB: 'rel/history.db' });
    const r = await watchedRun(env, mod);
    const warnings = shimWarnings(r.stderr);
    assert.equal(warnings.length, 1, `${r.stderr}`);
    assert.match(warnings[0], /GOMODSHIM_DB=rel\/history\.db is not an absolute path/);
    assert.deepEqual(fs.readdirSync(mod).sort(), before);
  });

  test('a read-only history is read (history, show), not written', async () => {
    const dir = scratch('read-only-');
    const env = testEnv(dir);
    await watchedRun(env, moduleIn(dir));
    const listed = await runCli(['history', '--all', '--json'], { env, timeoutMs: RUN_BOUND_MS });
    assert.equal(JSON.parse(listed.stdout.toString()).length, 1, `${listed.stderr}`);
    const state = path.join(dir, 'state');
    const before = fs.readdirSync(state).map((n) => fingerprint(path.join(state, n)));
    mountReadOnly(state);
    try {
      const r = await runCli(['history', '--all', '--json'], { env, timeoutMs: RUN_BOUND_MS });
      assert.equal(r.code, 0, `${r.stderr}`);
      const items = JSON.parse(r.stdout.toString()) as { id: number }[];
      assert.equal(items.length, 1);
      const shown = await runCli(['show', String(items[0].id)], { env, timeoutMs: RUN_BOUND_MS });
      assert.equal(shown.code, 0, `${shown.stderr}`);
      assert.match(shown.stdout.toString(), /go list -m/);
    } finally {
      unmount(state);
    }
    assert.deepEqual(
      fs.readdirSync(state).map((n) => fingerprint(path.join(state, n))),
      before,
    );
  });
});
