// Where the install puts things: the bin folder, its two links, and one rc file per shell.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { configHome, defaultInstallDir } from '../paths';
import { fishPathSnippet, shPathSnippet } from './path-snippets';

type Env = NodeJS.ProcessEnv;

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

export interface RcTarget {
  shell: Shell;
  file: string;
  /** The code that goes inside the marked block. */
  body: string;
}

export interface Link {
  path: string;
  target: string;
}

function home(env: Env): string {
  return env.HOME || os.homedir();
}

/** `${XDG_DATA_HOME:-$HOME/.local/share}/gomod-shim/bin`. */
export function binDirFor(env: Env): string {
  return path.join(defaultInstallDir(env), 'bin');
}

export const SHIM_NAMES = ['go', 'gomod-shim'] as const;

/** `go` and `gomod-shim` in the bin folder, linked to the repository's shims (which follow links home). */
export function linksFor(binDir: string, repoRoot: string): Link[] {
  return SHIM_NAMES.map((name) => ({ path: path.join(binDir, name), target: path.join(repoRoot, 'shim', name) }));
}

/**
 * bash: ~/.bashrc, read by every interactive bash (login shells reach it through ~/.profile
 * or ~/.bash_profile on common distributions). zsh: .zshrc, read by every interactive zsh.
 * fish: a conf.d file of our own, so the user's config.fish is never edited.
 */
export function rcFileFor(shell: Shell, env: Env): string {
  switch (shell) {
    case 'bash':
      return path.join(home(env), '.bashrc');
    case 'zsh':
      return path.join(env.ZDOTDIR || home(env), '.zshrc');
    case 'fish':
      return path.join(configHome(env), 'fish', 'conf.d', 'gomod-shim.fish');
  }
}

export function rcTargetFor(shell: Shell, env: Env, binDir: string): RcTarget {
  const body = shell === 'fish' ? fishPathSnippet(binDir) : shPathSnippet(binDir);
  return { shell, file: rcFileFor(shell, env), body };
}

function onPath(name: string, env: Env): boolean {
  return (env.PATH ?? '').split(':').some((dir) => {
    try {
      fs.accessSync(path.join(dir || '.', name), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * The shells this user has: installed (on PATH), configured (its rc file or fish's config
 * folder exists), or named by $SHELL. Others get no rc file; a rerun of install adds them.
 */
export function shellsInUse(env: Env): Shell[] {
  const configured: Record<Shell, string> = {
    bash: rcFileFor('bash', env),
    zsh: rcFileFor('zsh', env),
    fish: path.join(configHome(env), 'fish'),
  };
  return SHELLS.filter((s) => onPath(s, env) || fs.existsSync(configured[s]) || path.basename(env.SHELL ?? '') === s);
}
