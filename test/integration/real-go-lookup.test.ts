// Issue 2: shim/go finds the real go and never itself (docs/contract.md, "Finding the real
// go"). Every run has a short timeout: a lookup that recursed would fail fast, not hang.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { assertSameOutcome } from '../helpers/compare';
import { PATH_WITHOUT_SHIM, REAL_GO, type RunResult, run, runRealGo, SHIM_DIR, SHIM_GO, tempDir, testEnv, writeModule } from '../helpers/shim';

// A kill for a run that never ends, not a speed check: go version and go env take well under a second,
// and a loaded machine can stretch that many times over.
const TIMEOUT_MS = 30_000;
const root = tempDir();
const app = writeModule(path.join(root, 'app'), { 'go.mod': 'module example.com/app\n\ngo 1.19\n' });
const realGoDir = path.dirname(REAL_GO);

/** A folder holding one `go`, made by make(target) (a symlink, a copy…). */
function folderWithGo(name: string, make: (target: string) => void): string {
  const dir = path.join(root, name);
  fs.mkdirSync(dir);
  make(path.join(dir, 'go'));
  return dir;
}

const symlinkDir = folderWithGo('symlinked-shim', (to) => fs.symlinkSync(SHIM_GO, to));
const copyDir = folderWithGo('copied-shim', (to) => fs.copyFileSync(SHIM_GO, to));
fs.chmodSync(path.join(copyDir, 'go'), 0o755);

/** PWD as a shell exports it (/bin/sh resets a PWD that does not name its directory). */
function env(extra: NodeJS.ProcessEnv, cwd = app): NodeJS.ProcessEnv {
  return testEnv(root, { PWD: cwd, ...extra });
}

function goVia(file: string, args: string[], extra: NodeJS.ProcessEnv, cwd = app): Promise<RunResult> {
  return run(file, args, { cwd, env: env(extra, cwd), timeoutMs: TIMEOUT_MS });
}

/** `go version` and a watched `go list -m` through file behave as the real go. */
async function assertFindsRealGo(file: string, PATH: string, label: string): Promise<void> {
  for (const args of [['version'], ['list', '-m']]) {
    const [shim, real] = await Promise.all([goVia(file, args, { PATH }), runRealGo(args, { cwd: app, env: env({ PATH }), timeoutMs: TIMEOUT_MS })]);
    assertSameOutcome(shim, real, `${label}: go ${args.join(' ')}`);
  }
}

/** Exit 127 and exactly one line, `gomod-shim: …`, on stderr; nothing on stdout. */
function assertRefused(r: RunResult, reason: RegExp): void {
  assert.equal(r.code, 127, r.stderr.toString());
  assert.equal(r.stdout.length, 0);
  const text = r.stderr.toString();
  assert.match(text, /^gomod-shim: [^\n]*\n$/, 'one gomod-shim line');
  assert.match(text, reason);
}

test('a symlink to the shim, first on PATH, finds the real go (and the supervisor)', { timeout: 60_000 }, async () => {
  await assertFindsRealGo(path.join(symlinkDir, 'go'), `${symlinkDir}:${PATH_WITHOUT_SHIM}`, 'symlink');
  // Also when the symlink's folder and the shim folder both come first.
  await assertFindsRealGo(path.join(symlinkDir, 'go'), `${symlinkDir}:${SHIM_DIR}:${PATH_WITHOUT_SHIM}`, 'symlink + shim folder');
});

test('the shim folder twice on PATH', { timeout: 60_000 }, async () => {
  await assertFindsRealGo(SHIM_GO, `${SHIM_DIR}:${SHIM_DIR}:${PATH_WITHOUT_SHIM}`, 'twice');
});

test('a copy of the shim before the real go is skipped, whichever of the two runs', { timeout: 60_000 }, async () => {
  const PATH = `${SHIM_DIR}:${copyDir}:${PATH_WITHOUT_SHIM}`;
  await assertFindsRealGo(SHIM_GO, PATH, 'shim, then a copy');
  // The copy runs first and skips the shim folder (`go version` is unwatched: a copy has no dist/ beside it).
  const viaCopy = await goVia(path.join(copyDir, 'go'), ['version'], { PATH: `${copyDir}:${SHIM_DIR}:${PATH_WITHOUT_SHIM}` });
  const real = await runRealGo(['version'], { cwd: app, env: env({}) });
  assertSameOutcome(viaCopy, real, 'a copy, then the shim');
});

test('an empty PATH entry (the working directory) that holds the shim is skipped', { timeout: 60_000 }, async () => {
  const r = await goVia(SHIM_GO, ['version'], { PATH: `:${realGoDir}` }, SHIM_DIR);
  const real = await runRealGo(['version'], { cwd: SHIM_DIR, env: env({}, SHIM_DIR) });
  assertSameOutcome(r, real);
});

test('GOMODSHIM_REAL_GO: used when it names the real go', { timeout: 60_000 }, async () => {
  const nodeOnly = folderWithGo('node-only', () => {});
  fs.symlinkSync(process.execPath, path.join(nodeOnly, 'node'));
  const PATH = `${SHIM_DIR}:${nodeOnly}`; // no go on PATH: only the setting can find it
  for (const args of [['version'], ['list', '-m']]) {
    const shim = await goVia(SHIM_GO, args, { PATH, GOMODSHIM_REAL_GO: REAL_GO });
    const real = await runRealGo(args, { cwd: app, env: env({}) });
    assertSameOutcome(shim, real, `GOMODSHIM_REAL_GO, go ${args.join(' ')}`);
  }
  // A bare name is a file in the working directory, never a name to look up on PATH
  // (where exec would find the shim again, and again).
  const withGo = folderWithGo('bare-name', (to) => fs.symlinkSync(REAL_GO, to));
  for (const watch of ['all', 'none']) {
    const shim = await goVia(SHIM_GO, ['env', 'GOROOT'], { GOMODSHIM_REAL_GO: 'go', GOMODSHIM_WATCH: watch }, withGo);
    const real = await runRealGo(['env', 'GOROOT'], { cwd: withGo, env: env({}, withGo) });
    assertSameOutcome(shim, real, `GOMODSHIM_REAL_GO=go, GOMODSHIM_WATCH=${watch}`);
  }
});

test('no node on PATH: a short watched call needs none; one that would start the watcher runs unwatched with one warning', { timeout: 60_000 }, async () => {
  const noNode = { PATH: `${SHIM_DIR}:/nonexistent`, GOMODSHIM_REAL_GO: REAL_GO };
  const real = await runRealGo(['list', '-m'], { cwd: app, env: env({}) });
  const short = await goVia(SHIM_GO, ['list', '-m'], noNode);
  assert.deepEqual([short.code, short.stdout.toString(), short.stderr.toString()], [real.code, real.stdout.toString(), real.stderr.toString()]);
  // GOMODSHIM_WATCHER_DELAY=0s: the front looks for node at once.
  const watched = await goVia(SHIM_GO, ['list', '-m'], { ...noNode, GOMODSHIM_WATCHER_DELAY: '0s' });
  assert.deepEqual([watched.code, watched.stdout.toString()], [real.code, real.stdout.toString()]);
  const warning = /^gomod-shim: warning: [^\n]*node[^\n]*\n/m;
  assert.match(watched.stderr.toString(), warning);
  assert.equal(watched.stderr.toString().replace(warning, ''), real.stderr.toString());
});

test('GOMODSHIM_REAL_GO missing, not executable, a folder or a bare name: 127 and one line', { timeout: 60_000 }, async () => {
  const notExecutable = path.join(root, 'not-executable-go');
  fs.writeFileSync(notExecutable, '#!/bin/sh\necho should not run\n', { mode: 0o644 });
  for (const value of [path.join(root, 'missing', 'go'), notExecutable, realGoDir, 'go']) {
    // cwd SHIM_DIR: the bare name `go` there is the shim, which must not be looked up on PATH either
    const r = await goVia(SHIM_GO, ['version'], { GOMODSHIM_REAL_GO: value }, SHIM_DIR);
    assertRefused(r, /GOMODSHIM_REAL_GO=.* is (not an executable file|a gomod-shim shim)/);
  }
  const bare = await goVia(SHIM_GO, ['version'], { GOMODSHIM_REAL_GO: 'go' });
  assertRefused(bare, /GOMODSHIM_REAL_GO=go is not an executable file/);
});

test('GOMODSHIM_REAL_GO pointing at a shim (itself, a symlink, a copy): 127, no recursion', { timeout: 60_000 }, async () => {
  for (const value of [SHIM_GO, path.join(symlinkDir, 'go'), path.join(copyDir, 'go')]) {
    for (const watch of ['all', 'none']) {
      const r = await goVia(SHIM_GO, ['mod', 'download'], { GOMODSHIM_REAL_GO: value, GOMODSHIM_WATCH: watch });
      assertRefused(r, /is a gomod-shim shim, not the real go/);
    }
  }
});

test('no real go on PATH at all: 127, naming the shim folder', { timeout: 60_000 }, async () => {
  for (const [file, PATH] of [
    [SHIM_GO, `${SHIM_DIR}:${SHIM_DIR}:/nonexistent`],
    [path.join(symlinkDir, 'go'), `${symlinkDir}:${copyDir}:${SHIM_DIR}`],
  ]) {
    const r = await goVia(file, ['version'], { PATH });
    assertRefused(r, /^gomod-shim: no real go found on PATH \(shim folder: /);
    assert.equal(r.stderr.toString(), `gomod-shim: no real go found on PATH (shim folder: ${path.dirname(file)})\n`);
  }
});
