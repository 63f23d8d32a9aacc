// Where the install puts things: the bin folder, its two links, one rc file and one
// completion script per shell.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { configHome, dataHome, defaultInstallDir } from '../paths';
import { SHELLS, type Shell } from '../shells';
import { bashCompletionSnippet, zshCompletionSnippet } from './completion-snippets';
import { fishPathSnippet, shPathSnippet } from './path-snippets';

type Env = NodeJS.ProcessEnv;

export { SHELLS, type Shell } from '../shells';

export interface RcTarget {
  shell: Shell;
  file: string;
  /** The code that goes inside the marked block. */
  body: string;
}

export interface CompletionTarget {
  shell: Shell;
  file: string;
  /** The folder below which install may make folders for the file (and uninstall remove them). */
  base: string;
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

/**
 * Where each shell looks for completions by itself. bash: bash-completion's user folder
 * (the first of BASH_COMPLETION_USER_DIR, as bash-completion reads it). zsh: a folder of
 * ours that the rc block puts on fpath. fish: its own completions folder, autoloaded.
 */
export function completionTargetFor(shell: Shell, env: Env): CompletionTarget {
  switch (shell) {
    case 'bash': {
      const userDir = (env.BASH_COMPLETION_USER_DIR ?? '').split(':')[0] || path.join(dataHome(env), 'bash-completion');
      return { shell, file: path.join(userDir, 'completions', 'gomod-shim'), base: path.dirname(userDir) };
    }
    case 'zsh':
      return { shell, file: path.join(defaultInstallDir(env), 'zsh', '_gomod-shim'), base: defaultInstallDir(env) };
    case 'fish':
      return { shell, file: path.join(configHome(env), 'fish', 'completions', 'gomod-shim.fish'), base: path.join(configHome(env), 'fish') };
  }
}

/** The rc block: PATH, and (unless completion is left out) what loads the completion script. */
export function rcTargetFor(shell: Shell, env: Env, binDir: string, completion: boolean): RcTarget {
  const script = completionTargetFor(shell, env).file;
  const body =
    shell === 'fish'
      ? fishPathSnippet(binDir)
      : shPathSnippet(binDir) + (!completion ? '' : shell === 'bash' ? bashCompletionSnippet(script) : zshCompletionSnippet(path.dirname(script)));
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
