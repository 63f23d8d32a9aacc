// What goes after a flag or a command, where the flag declarations cannot say. Keyed by flag
// name whatever the command, so a new command's --cause or --cwd is completed like history's;
// a flag not listed here gets the shell's file names (or nothing, for a number).
import { CAUSES } from '../causes';
import { SHELLS } from '../shells';

export type ValueKind =
  /** Free text (a duration, a count, a module path): nothing to offer. */
  | { kind: 'none'; label: string }
  | { kind: 'words'; label: string; words: readonly string[] }
  | { kind: 'files'; label: string }
  | { kind: 'dirs'; label: string }
  /** Run ids from the history, newest first. */
  | { kind: 'run-ids'; label: string };

const FLAG_VALUES: Record<string, ValueKind> = {
  cause: { kind: 'words', label: 'cause', words: CAUSES },
  cwd: { kind: 'dirs', label: 'folder' },
  since: { kind: 'none', label: 'duration or date' },
  limit: { kind: 'none', label: 'number' },
  module: { kind: 'none', label: 'module path' },
  'hang-after': { kind: 'none', label: 'duration' },
};

const COMMAND_ARGS: Record<string, ValueKind> = {
  show: { kind: 'run-ids', label: 'run id' },
  completion: { kind: 'words', label: 'shell', words: SHELLS },
};

export function valuesOfFlag(name: string, type: 'string' | 'number'): ValueKind {
  return FLAG_VALUES[name] ?? (type === 'number' ? { kind: 'none', label: name } : { kind: 'files', label: name });
}

export function argsOf(command: string): ValueKind {
  return COMMAND_ARGS[command] ?? { kind: 'none', label: 'argument' };
}
