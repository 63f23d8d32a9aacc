// The tab-completion lines of the bash and zsh rc blocks (fish finds its completions folder
// by itself). Plain POSIX syntax like the PATH lines around them.
import { shQuote } from '../shell-quote';

/**
 * bash-completion (2.8 or later: it defines _comp_load or __load_completion) loads the script
 * on demand from its user folder; without it, interactive shells load it here.
 */
export function bashCompletionSnippet(scriptFile: string): string {
  const file = shQuote(scriptFile);
  return [
    '# Tab completion: bash-completion loads it on demand; without bash-completion, it is loaded here.',
    `if [ -r ${file} ] && ! declare -F _comp_load >/dev/null 2>&1 && ! declare -F __load_completion >/dev/null 2>&1; then`,
    `  case $- in *i*) . ${file} ;; esac`,
    'fi',
    '',
  ].join('\n');
}

/**
 * The folder goes on fpath for a compinit that runs after this block; when compinit already
 * ran (oh-my-zsh, or a compinit line above), compdef registers the function now. FPATH is
 * the scalar zsh ties to fpath, so this stays plain sh.
 */
export function zshCompletionSnippet(functionDir: string): string {
  return [
    '# Tab completion: on fpath for a compinit that runs later; registered now if compinit already ran.',
    `gomodshim_fpath=${shQuote(functionDir)}`,
    'case ":${FPATH-}:" in',
    '  *":$gomodshim_fpath:"*) ;;',
    '  *) FPATH=$gomodshim_fpath${FPATH:+:$FPATH} ;;',
    'esac',
    'if type compdef >/dev/null 2>&1; then autoload -Uz _gomod-shim && compdef _gomod-shim gomod-shim; fi',
    'unset gomodshim_fpath',
    '',
  ].join('\n');
}
