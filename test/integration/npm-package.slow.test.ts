// The npm package, end to end: `npm pack` (its prepack builds) on a copy of this repository,
// `npm install -g` of the tarball into an empty prefix from npm's cache alone (no network: the
// runtime dependencies travel in the tarball), `gomod-shim install` from there with a fresh
// HOME, and a new bash (interactive: it reads ~/.bashrc; the ':' after go keeps bash from
// exec'ing go in its own place, so bash is the caller) whose `go` is the shim and whose run is recorded.
// Slow: better-sqlite3 is compiled from source during the install.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { copyRepository } from '../helpers/repo-copy';
import { PATH_WITHOUT_SHIM, type RunResult, run, tempDir, testEnv, writeModule } from '../helpers/shim';

// A native build on a loaded 2-core machine: minutes, not seconds. Only a hung npm meets this.
const INSTALL_TIMEOUT_MS = 20 * 60_000;

/** npm as a user runs it: none of the npm_* settings of an `npm test` around us. */
function npmEnv(home: string): NodeJS.ProcessEnv {
  const env = testEnv(home, { PATH: PATH_WITHOUT_SHIM, HOME: home });
  for (const key of Object.keys(env)) if (key.startsWith('npm_')) delete env[key];
  // prebuild-install would try to download a prebuilt binary; build here instead, against the
  // local Node.js headers when there are some (CI may not have ~/.npmrc's nodedir).
  env.npm_config_build_from_source = 'true';
  if (fs.existsSync('/usr/include/node/node.h')) env.npm_config_nodedir = '/usr';
  return env;
}

function ok(r: RunResult, what: string): string {
  assert.equal(r.code, 0, `${what} failed:\n${r.stdout.toString().slice(-3000)}\n${r.stderr.toString().slice(-3000)}`);
  return r.stdout.toString();
}

test('npm pack → npm install -g (offline) → gomod-shim install → a new shell runs go through the shim', { timeout: INSTALL_TIMEOUT_MS }, async () => {
  const root = tempDir('gomod-shim-npm-');
  const checkout = path.join(root, 'checkout');
  const home = path.join(root, 'home');
  const prefix = path.join(root, 'prefix');
  const out = path.join(root, 'out');
  for (const dir of [home, prefix, out]) fs.mkdirSync(dir);
  copyRepository(checkout, 'runtime');
  // What must stay out: the compiled front (built on the user's machine) and the front's tests.
  fs.mkdirSync(path.join(checkout, 'dist'), { recursive: true });
  fs.writeFileSync(path.join(checkout, 'dist', 'gomod-shim-front'), 'a binary built here');
  const env = npmEnv(home);

  ok(await run('npm', ['pack', '--pack-destination', out], { cwd: checkout, env, timeoutMs: INSTALL_TIMEOUT_MS }), 'npm pack');
  const [tarball] = fs.readdirSync(out).filter((f) => f.endsWith('.tgz'));
  assert.ok(tarball, 'npm pack made a tarball');
  const files = execFileSync('tar', ['tzf', path.join(out, tarball)], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((f) => f.replace(/^package\//, ''));
  for (const needed of [
    'dist/cli.js',
    'dist/watcher.js',
    'dist/export.js',
    'shim/go',
    'shim/gomod-shim',
    'README.md',
    'LICENSE',
    'package.json',
    'front/go.mod',
    'front/main.go',
    'node_modules/better-sqlite3/package.json',
    'node_modules/pidusage/package.json',
  ])
    assert.ok(files.includes(needed), `the tarball holds ${needed}`);
  assert.ok(
    files.some((f) => f.startsWith('docs/')),
    'the tarball holds docs/',
  );
  const unwanted = files.filter((f) => /^(test|build|src|scripts)\//.test(f) || f === 'dist/gomod-shim-front' || /^front\/.*(_test\.go$|testdata\/)/.test(f));
  assert.deepEqual(unwanted, [], 'no tests, build output, sources or front binary in the tarball');

  ok(
    await run('npm', ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', path.join(out, tarball)], {
      cwd: root,
      env,
      timeoutMs: INSTALL_TIMEOUT_MS,
    }),
    'npm install -g',
  );
  const cli = path.join(prefix, 'bin', 'gomod-shim');
  const shellEnv = { ...env, SHELL: '/bin/bash', XDG_DATA_HOME: undefined, XDG_CONFIG_HOME: undefined, XDG_STATE_HOME: undefined, GOMODSHIM_DB: undefined };
  const installed = ok(await run(cli, ['install', '--no-completion'], { cwd: home, env: shellEnv }), 'gomod-shim install');
  // The front is built there and then, from the tarball's source, with the real go.
  assert.match(installed, /^Built the watched path's front/m);
  assert.ok(fs.existsSync(path.join(prefix, 'lib', 'node_modules', 'gomod-shim', 'dist', 'gomod-shim-front')), 'the front was built in the installed package');

  const app = writeModule(path.join(root, 'app'), { 'go.mod': 'module example.com/npm/app\n\ngo 1.19\n' });
  const shell = await run('bash', ['-ic', 'command -v go; go list -m; :'], { cwd: app, env: shellEnv });
  assert.deepEqual(ok(shell, 'the new shell').split('\n'), [path.join(home, '.local', 'share', 'gomod-shim', 'bin', 'go'), 'example.com/npm/app', '']);

  const runs = JSON.parse(ok(await run(cli, ['history', '--all', '--json'], { env: shellEnv }), 'gomod-shim history')) as {
    argv: string[];
    caller: string;
    exit_code: number;
  }[];
  assert.deepEqual(
    runs.map((r) => [r.argv, r.caller, r.exit_code]),
    [[['list', '-m'], 'bash', 0]],
  );
  assert.ok(fs.existsSync(path.join(home, '.local', 'state', 'gomod-shim', 'history.db')), 'the default history database');
});
