// The bash completion script. Plain bash (no bash-completion helpers), so it works whether
// bash-completion loads it on demand or the .bashrc block sources it; bash 3.2 safe except
// for `compopt` (bash 4), whose absence only loses trailing slashes and the newest-first order.
import { shQuote } from '../shell-quote';
import { HISTORY_COMMAND, SED_IDS, SH_DB_PATH, SH_TIMEOUT } from './run-ids';
import { type CommandSpec, type CompletionSpec, type FlagSpec, type ValueKind, valueFlags } from './spec';

/** compgen -W expands its word list: only plain words may go in. */
function wordList(words: readonly string[]): string {
  for (const w of words) if (!/^[\w.@+:/-]+$/.test(w)) throw new Error(`completion word ${JSON.stringify(w)} needs quoting`);
  return shQuote(words.join(' '));
}

const flagWords = (flags: readonly FlagSpec[]) => wordList(flags.map((f) => `--${f.name}`));

/** The code that fills COMPREPLY with candidates of one kind for "$cur". */
function offer(value: ValueKind): string {
  switch (value.kind) {
    case 'words':
      return `_gomod_shim_words ${wordList(value.words)}`;
    case 'files':
      return '_gomod_shim_files -f';
    case 'dirs':
      return '_gomod_shim_files -d';
    case 'run-ids':
      return 'compopt -o nosort 2>/dev/null; _gomod_shim_words "$(_gomod_shim_run_ids)"';
    case 'none':
      return ':';
  }
}

function commandBranch(command: CommandSpec): string[] {
  const lines = [`    ${shQuote(command.name)})`];
  const withValue = command.flags.filter((f) => f.value);
  if (withValue.length > 0) {
    lines.push('      case $prev in');
    for (const flag of withValue) lines.push(`        --${flag.name}) ${offer(flag.value!)}; return ;;`);
    lines.push('      esac');
  }
  const flags = `_gomod_shim_words ${flagWords(command.flags)}`;
  if (command.args.kind === 'none') {
    lines.push(`      ${flags}`);
  } else {
    // One argument: offered until it is given, flags after that (or when "-" is typed).
    lines.push(`      _gomod_shim_nargs "$at" ${wordList(valueFlags(command))}`);
    lines.push(`      if [[ $cur == -* ]] || ((nargs > 0)); then ${flags}; else ${offer(command.args)}; fi`);
  }
  lines.push('      ;;');
  return lines;
}

export function bashScript(spec: CompletionSpec, header: readonly string[]): string {
  return [
    ...header,
    '',
    '# Reads candidates, one a line, into COMPREPLY (file names may hold spaces).',
    '_gomod_shim_reply() {',
    '  local line',
    '  while IFS= read -r line; do COMPREPLY+=("$line"); done',
    '}',
    '',
    '_gomod_shim_words() { _gomod_shim_reply < <(compgen -W "$1" -- "$cur"); }',
    '',
    '_gomod_shim_files() {',
    '  compopt -o filenames 2>/dev/null',
    '  _gomod_shim_reply < <(compgen "$1" -- "$cur")',
    '}',
    '',
    '# Run ids, newest first; nothing (and nothing started) without a history, nothing on any error.',
    '_gomod_shim_run_ids() {',
    `  local db=${SH_DB_PATH}`,
    '  [[ -e $db || -d $db-spool ]] || return 0',
    `  if type timeout >/dev/null 2>&1; then timeout ${SH_TIMEOUT} ${HISTORY_COMMAND}; else ${HISTORY_COMMAND}; fi 2>/dev/null |`,
    `    ${SED_IDS}`,
    '}',
    '',
    '# Sets nargs: the arguments given to the command at $1 before the word being completed,',
    '# leaving out flags and the values of $2, its flags that take one.',
    '_gomod_shim_nargs() {',
    '  local i word',
    '  nargs=0',
    '  for ((i = $1 + 1; i < COMP_CWORD; i++)); do',
    '    word=${COMP_WORDS[i]}',
    '    if [[ $word == = ]]; then',
    '      ((i += 1))',
    '    elif [[ $word == -* ]]; then',
    '      if [[ " $2 " == *" $word "* && ${COMP_WORDS[i + 1]} != = ]]; then ((i += 1)); fi',
    '    else',
    '      ((nargs += 1))',
    '    fi',
    '  done',
    '}',
    '',
    '_gomod_shim() {',
    '  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]} cmd= at=0 i word nargs',
    '  COMPREPLY=()',
    "  # --flag=value: bash splits the word at '=' (COMP_WORDBREAKS); complete the value of the flag before it.",
    '  if [[ $cur == = ]]; then',
    '    cur=',
    '  elif [[ $prev == = ]]; then',
    '    prev=${COMP_WORDS[COMP_CWORD - 2]}',
    '  fi',
    '  for ((i = 1; i < COMP_CWORD; i++)); do',
    '    word=${COMP_WORDS[i]}',
    '    [[ $word == -* || $word == = || ${COMP_WORDS[i - 1]} == = ]] && continue',
    '    cmd=$word at=$i',
    '    break',
    '  done',
    '  case $cmd in',
    "    '')",
    `      if [[ $cur == -* ]]; then _gomod_shim_words ${flagWords(spec.globalFlags)}; else _gomod_shim_words ${wordList(spec.commands.map((c) => c.name))}; fi`,
    '      ;;',
    ...spec.commands.flatMap(commandBranch),
    '  esac',
    '  return 0',
    '}',
    '',
    'complete -F _gomod_shim gomod-shim',
    '',
  ].join('\n');
}
