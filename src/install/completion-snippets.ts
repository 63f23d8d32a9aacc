// The tab-completion lines of the bash and zsh rc blocks (fish finds its completions folder
// by itself). The bash lines are plain POSIX like the PATH lines around them; the zsh lines run in zsh only.
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
 * The folder goes on fpath for compinit. When compinit already ran (oh-my-zsh, or a compinit
 * line above), compdef registers the function now. Otherwise a one-time precmd hook looks again
 * at the first prompt: a compinit later in .zshrc has found the function by then; when nothing
 * started zsh's completion system at all (Debian's default .zshrc), the hook starts it, as
 * zsh-newuser-install's recommended settings would. compinit -i skips files others could have
 * written rather than asking at the prompt. FPATH is the scalar zsh ties to fpath.
 */
export function zshCompletionSnippet(functionDir: string): string {
  return [
    '# Tab completion: on fpath for compinit, registered now if compinit already ran; if nothing has',
    "# started zsh's completion system by the first prompt, compinit is started then.",
    `gomodshim_fpath=${shQuote(functionDir)}`,
    'case ":${FPATH-}:" in',
    '  *":$gomodshim_fpath:"*) ;;',
    '  *) FPATH=$gomodshim_fpath${FPATH:+:$FPATH} ;;',
    'esac',
    'unset gomodshim_fpath',
    'if type compdef >/dev/null 2>&1; then',
    '  autoload -Uz _gomod-shim && compdef _gomod-shim gomod-shim',
    'else',
    '  gomodshim_compinit() {',
    '    add-zsh-hook -d precmd gomodshim_compinit',
    '    unfunction gomodshim_compinit',
    '    type compdef >/dev/null 2>&1 || { autoload -Uz compinit && compinit -i; }',
    '  }',
    '  autoload -Uz add-zsh-hook && add-zsh-hook precmd gomodshim_compinit',
    'fi',
    '',
  ].join('\n');
}
