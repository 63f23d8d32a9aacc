// Driving a real bash completion function the way bash does on TAB: COMP_WORDS and
// COMP_CWORD set, the function named by `complete -p` called, COMPREPLY read back. A command
// without a completion yet goes through the default (-D) loader first, as bash does for
// bash-completion's on-demand loading.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { shQuote } from '../../src/shell-quote';

/** bash-completion itself, where distributions install it (GOMODSHIM_TEST_BASH_COMPLETION names another copy). */
export const BASH_COMPLETION = process.env.GOMODSHIM_TEST_BASH_COMPLETION || '/usr/share/bash-completion/bash_completion';

/** The tests drive the real bash-completion: missing, it is a failure, not a skip. */
export function requireBashCompletion(): void {
  assert.ok(
    fs.existsSync(BASH_COMPLETION),
    `bash-completion is not installed (${BASH_COMPLETION}); .ci/run installs it (Debian: apt-get install bash-completion)`,
  );
}

const DRIVER = [
  'gomodshim_call() {',
  '  local fn=${1#*-F }',
  '  fn=${fn%% *}',
  '  "$fn" "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"',
  '}',
  'gomodshim_complete() {',
  '  COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))',
  '  COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()',
  '  local spec',
  '  if ! spec=$(complete -p "$1" 2>/dev/null); then',
  '    spec=$(complete -p -D 2>/dev/null) || { echo "no completion for $1" >&2; return 1; }',
  '    gomodshim_call "$spec"',
  '    spec=$(complete -p "$1" 2>/dev/null) || { echo "the default loader found no completion for $1" >&2; return 1; }',
  '  fi',
  '  gomodshim_call "$spec"',
  '  ((${#COMPREPLY[@]} == 0)) || printf "%s\\n" "${COMPREPLY[@]}"',
  '}',
].join('\n');

/** What bash says on stderr when interactive without a terminal: not ours. */
const NO_TERMINAL = /^bash: (cannot set terminal process group .*|no job control in this shell)\n/gm;

export interface BashCompletion {
  /** COMPREPLY, in order. */
  candidates: string[];
  /** bash's stderr, less its own no-terminal notes. */
  stderr: string;
}

/** Runs a script in `bash -i`, which reads ~/.bashrc as a user's terminal does. */
export function interactiveBash(script: string, env: NodeJS.ProcessEnv): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('bash', ['-i', '-c', script], { env, encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.replace(NO_TERMINAL, '') };
}

/**
 * Completes the last of `words` in a bash that first runs `setup`; `interactive` makes it
 * `bash -i`, which reads ~/.bashrc.
 */
export function bashComplete(words: readonly string[], opts: { env: NodeJS.ProcessEnv; setup?: string; interactive?: boolean }): BashCompletion {
  const script = `${opts.setup ?? ''}\n${DRIVER}\ngomodshim_complete ${words.map(shQuote).join(' ')}`;
  const r = opts.interactive ? interactiveBash(script, opts.env) : spawnSync('bash', ['-c', script], { env: opts.env, encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) throw new Error(`bash completion of ${words.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { candidates: r.stdout === '' ? [] : r.stdout.replace(/\n$/, '').split('\n'), stderr: r.stderr.replace(NO_TERMINAL, '') };
}
