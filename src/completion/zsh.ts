// The zsh completion function (_gomod-shim), for compinit's autoloading from fpath or for
// `source`: the last line tells the two apart, as cobra-made completions do.
import { shQuote } from '../shell-quote';
import { HISTORY_COMMAND, SED_IDS, SH_DB_PATH, SH_TIMEOUT } from './run-ids';
import type { CommandSpec, CompletionSpec, FlagSpec, ValueKind } from './spec';

/** An _arguments explanation: brackets, colons and what zsh would expand, backslashed (as clap does). */
function description(text: string | undefined): string {
  return text === undefined ? '' : `[${text.replace(/[\\[\]:$`]/g, '\\$&')}]`;
}

/** An _arguments action: what goes after a flag (or as an argument). */
function action(value: ValueKind): string {
  const label = value.label.replace(/:/g, ' ');
  switch (value.kind) {
    case 'words':
      return `${label}:(${value.words.map((w) => w.replace(/[^\w.@+/-]/g, '\\$&')).join(' ')})`;
    case 'files':
      return `${label}:_files`;
    case 'dirs':
      return `${label}:_files -/`;
    case 'run-ids':
      return `${label}:_gomod-shim_run_ids`;
    case 'none':
      // A single space: no candidates, the label still shown.
      return `${label}: `;
  }
}

/** `--cause=` takes its value in the same word after '=' or as the next word, as yargs-parser does. */
function flagSpec(flag: FlagSpec): string {
  if (!flag.value) return shQuote(`--${flag.name}${description(flag.description)}`);
  return shQuote(`--${flag.name}=${description(flag.description)}:${action(flag.value)}`);
}

function commandBranch(command: CommandSpec): string[] {
  const specs = command.flags.map(flagSpec);
  if (command.args.kind !== 'none') specs.push(shQuote(`1:${action(command.args)}`));
  return [`        ${shQuote(command.name)})`, '          _arguments \\', ...specs.map((s) => `            ${s} \\`), '            && ret=0', '          ;;'];
}

export function zshScript(spec: CompletionSpec, header: readonly string[]): string {
  const globals = spec.globalFlags.map((f) => shQuote(`(- : *)--${f.name}${description(f.description)}`));
  const commands = spec.commands.map((c) => shQuote(`${c.name.replace(/:/g, '\\:')}:${c.summary}`));
  return [
    '#compdef gomod-shim',
    ...header,
    '',
    '# Run ids, newest first; nothing (and nothing started) without a history, nothing on any error.',
    '_gomod-shim_run_ids() {',
    `  local db=${SH_DB_PATH}`,
    '  [[ -e $db || -d $db-spool ]] || return 1',
    '  local -a ids',
    `  ids=(\${(f)"$(if (( $+commands[timeout] )); then timeout ${SH_TIMEOUT} ${HISTORY_COMMAND}; else ${HISTORY_COMMAND}; fi 2>/dev/null | ${SED_IDS})"})`,
    '  local expl',
    "  _wanted -V run-ids expl 'run id' compadd -- $ids",
    '}',
    '',
    '_gomod-shim() {',
    '  local curcontext=$curcontext state state_descr line ret=1',
    '  typeset -A opt_args',
    '  _arguments -C \\',
    ...globals.map((g) => `    ${g} \\`),
    "    '1:command:->command' \\",
    "    '*::argument:->argument' \\",
    '    && ret=0',
    '  case $state in',
    '    command)',
    '      local -a commands',
    '      commands=(',
    ...commands.map((c) => `        ${c}`),
    '      )',
    "      _describe -t commands 'gomod-shim command' commands && ret=0",
    '      ;;',
    '    argument)',
    '      curcontext=${curcontext%:*:*}:gomod-shim-$words[1]:',
    '      case $words[1] in',
    ...spec.commands.flatMap(commandBranch),
    '      esac',
    '      ;;',
    '  esac',
    '  return ret',
    '}',
    '',
    '# Autoloaded from fpath by compinit: this file is the body of _gomod-shim. Sourced: register it.',
    'if [[ $funcstack[1] == _gomod-shim ]]; then',
    '  _gomod-shim "$@"',
    'else',
    '  compdef _gomod-shim gomod-shim',
    'fi',
    '',
  ].join('\n');
}
