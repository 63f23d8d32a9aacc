// The fish completions: `complete` lines, autoloaded by fish from its completions folder
// the first time gomod-shim is completed.
import { fishQuote } from '../shell-quote';
import { FISH_ID_PATTERN, HISTORY_COMMAND, TIMEOUT_SECONDS, TIMEOUT_VARIABLE } from './run-ids';
import { type CommandSpec, type CompletionSpec, type FlagSpec, type ValueKind, valueFlags } from './spec';

const BASE = 'complete -c gomod-shim';

function describe(text: string | undefined): string {
  return text === undefined ? '' : ` -d ${fishQuote(text)}`;
}

/** The options of `complete` for what follows a flag or makes an argument. */
function values(value: ValueKind): string {
  switch (value.kind) {
    case 'words':
      return `-x -a ${fishQuote(value.words.join(' '))}`;
    case 'files':
      return '-r -F';
    case 'dirs':
      return "-x -a '(__fish_complete_directories (commandline -ct))'";
    case 'run-ids':
      return "-x -k -a '(__gomod_shim_run_ids)'";
    case 'none':
      return '-x';
  }
}

function flagLine(condition: string, flag: FlagSpec): string {
  return `${BASE} -n ${fishQuote(condition)} -l ${flag.name}${flag.value ? ` ${values(flag.value)}` : ''}${describe(flag.description)}`;
}

function commandLines(command: CommandSpec): string[] {
  const inCommand = `__fish_seen_subcommand_from ${command.name}`;
  const lines = [`${BASE} -n ${fishQuote('__fish_use_subcommand')} -x -a ${fishQuote(command.name)}${describe(command.summary)}`];
  lines.push(...command.flags.map((f) => flagLine(inCommand, f)));
  if (command.args.kind !== 'none') {
    const wantsArg = ['__gomod_shim_wants_arg', command.name, ...valueFlags(command)].join(' ');
    lines.push(`${BASE} -n ${fishQuote(wantsArg)} ${values(command.args)}${describe(command.args.label)}`);
  }
  return lines;
}

export function fishScript(spec: CompletionSpec, header: readonly string[]): string {
  return [
    ...header,
    '',
    '# Run ids, newest first; nothing (and nothing started) without a history, nothing on any error.',
    'function __gomod_shim_run_ids',
    '    set -l db $GOMODSHIM_DB',
    '    if test -z "$db"',
    '        set -l state $XDG_STATE_HOME',
    '        test -n "$state"; or set state $HOME/.local/state',
    '        set db $state/gomod-shim/history.db',
    '    end',
    '    test -e $db; or test -d $db-spool; or return 0',
    `    set -l limit $${TIMEOUT_VARIABLE}`,
    `    test -n "$limit"; or set limit ${TIMEOUT_SECONDS}`,
    '    if command -q timeout',
    `        timeout $limit ${HISTORY_COMMAND} 2>/dev/null`,
    '    else',
    `        ${HISTORY_COMMAND} 2>/dev/null`,
    `    end | string replace -rf ${fishQuote(FISH_ID_PATTERN)} '$1'`,
    'end',
    '',
    '# True while COMMAND ($argv[1]) is the command and has no argument yet; the rest of argv',
    '# are its flags that take a value (as the next word: --flag=value is one word in fish).',
    'function __gomod_shim_wants_arg',
    '    set -l tokens (commandline -opc)',
    '    set -e tokens[1]',
    '    set -l value_flags $argv',
    '    set -e value_flags[1]',
    '    set -l command',
    '    set -l skip 0',
    '    for token in $tokens',
    '        if test $skip = 1',
    '            set skip 0',
    '        else if string match -q -- "-*" $token',
    '            contains -- $token $value_flags; and set skip 1',
    '        else if test -z "$command"',
    '            set command $token',
    '        else',
    '            return 1',
    '        end',
    '    end',
    '    test "$command" = "$argv[1]"',
    'end',
    '',
    '# No file names unless a flag takes one.',
    `${BASE} -f`,
    ...spec.globalFlags.map((f) => flagLine('__fish_use_subcommand', f)),
    ...spec.commands.flatMap(commandLines),
    '',
  ].join('\n');
}
