// The shell code inside the rc block: put the bin folder first on PATH, taking out any
// copy already there, so that the shim wins even when PATH held the folder further back
// and re-sourcing the rc file never piles up copies.
import { fishQuote, shQuote } from '../shell-quote';

/**
 * For bash and zsh. Plain POSIX parameter expansion, no word splitting (zsh does not split
 * unquoted words) and no subshells: it runs in every new shell. `gomodshim_p` and not
 * `path`, which zsh ties to PATH.
 */
export function shPathSnippet(binDir: string): string {
  return [
    '# Puts the gomod-shim go shim first on PATH. `gomod-shim uninstall` removes this block.',
    `gomodshim_bin=${shQuote(binDir)}`,
    'gomodshim_p=":$PATH:"',
    'while :; do',
    '  case $gomodshim_p in',
    '    *":$gomodshim_bin:"*) gomodshim_p=${gomodshim_p%%":$gomodshim_bin:"*}:${gomodshim_p#*":$gomodshim_bin:"} ;;',
    '    *) break ;;',
    '  esac',
    'done',
    'gomodshim_p=${gomodshim_p#:}',
    'gomodshim_p=${gomodshim_p%:}',
    'PATH=$gomodshim_bin${gomodshim_p:+:$gomodshim_p}',
    'export PATH',
    'unset gomodshim_bin gomodshim_p',
    '',
  ].join('\n');
}

/** For fish, whose conf.d files are sourced in every fish, interactive or not. */
export function fishPathSnippet(binDir: string): string {
  return [
    '# Puts the gomod-shim go shim first on PATH. `gomod-shim uninstall` removes this block.',
    `set -l gomodshim_bin ${fishQuote(binDir)}`,
    'set -l gomodshim_rest',
    'for gomodshim_dir in $PATH',
    '    test "$gomodshim_dir" = "$gomodshim_bin"; or set gomodshim_rest $gomodshim_rest $gomodshim_dir',
    'end',
    'set -gx PATH $gomodshim_bin $gomodshim_rest',
    '',
  ].join('\n');
}
