// A throwaway HOME for install/uninstall tests, and a byte-for-byte picture of it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PATH_WITHOUT_SHIM, runCli, tempDir, testEnv } from './shim';

export interface Home {
  dir: string;
  env: NodeJS.ProcessEnv;
  binDir: string;
  bashrc: string;
  zshrc: string;
  fishFile: string;
}

let root: string | undefined;

/** A new folder under one temporary root per test file (tempDir registers an exit handler per call). */
export function scratch(prefix: string): string {
  root ??= tempDir('gomod-shim-install-');
  return fs.mkdtempSync(path.join(root, prefix));
}

/**
 * A HOME of its own, the XDG defaults in force, without the repo's shim folder on PATH.
 * SHELL=zsh and an existing fish config folder make install set up all three shells
 * whether or not zsh and fish are installed here.
 */
export function freshHome(extra: NodeJS.ProcessEnv = {}): Home {
  const dir = scratch('home-');
  const env = testEnv(dir, {
    PATH: PATH_WITHOUT_SHIM,
    SHELL: '/bin/zsh',
    XDG_DATA_HOME: undefined,
    XDG_CONFIG_HOME: undefined,
    XDG_STATE_HOME: undefined,
    ZDOTDIR: undefined,
    BASH_COMPLETION_USER_DIR: undefined,
    ...extra,
  });
  fs.mkdirSync(path.join(dir, '.config', 'fish'), { recursive: true });
  return {
    dir,
    env,
    binDir: path.join(dir, '.local', 'share', 'gomod-shim', 'bin'),
    bashrc: path.join(dir, '.bashrc'),
    zshrc: path.join(dir, '.zshrc'),
    fishFile: path.join(dir, '.config', 'fish', 'conf.d', 'gomod-shim.fish'),
  };
}

/** Every file and symlink under dir, with its bytes (or link target) and mode. Folders are left out. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  // go's own local telemetry counters (Go 1.23+): go writes them whenever it runs, as it builds the front.
  const goTelemetry = path.join(dir, '.config', 'go', 'telemetry');
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (p === goTelemetry) continue;
      if (entry.isDirectory()) walk(p);
      else if (entry.isSymbolicLink()) out[path.relative(dir, p)] = `link -> ${fs.readlinkSync(p)}`;
      else out[path.relative(dir, p)] = `${(fs.statSync(p).mode & 0o777).toString(8)} ${fs.readFileSync(p, 'latin1')}`;
    }
  };
  walk(dir);
  return out;
}

/** `gomod-shim ARGS` in the home: must succeed, silently on stderr. */
export async function cli(home: Home, ...args: string[]): Promise<string> {
  const r = await runCli(args, { env: home.env });
  assert.equal(r.code, 0, `gomod-shim ${args.join(' ')}: ${r.stderr.toString()}`);
  assert.equal(r.stderr.toString(), '');
  return r.stdout.toString();
}

/** Runs a shell script the way a user's shell would, in the temporary HOME. */
export function shell(home: Home, sh: string, script: string, env: NodeJS.ProcessEnv = {}): string {
  const r = spawnSync(sh, ['-c', script], { env: { ...home.env, ...env }, encoding: 'utf8' });
  assert.equal(r.status, 0, `${sh}: ${r.error ?? r.stderr}`);
  return r.stdout;
}

/** A shell the tests drive for real: a missing one fails the test (.ci/run installs them), never skips it. */
export function requireShell(name: string): void {
  const found = spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
  assert.ok(found, `${name} is not installed, and this test drives it for real (.ci/run installs it; Debian: apt-get install ${name})`);
}
