// What the completion scripts complete, worked out once from the command registry: each
// command's flags come from its declared yargs-parser options, so the three generators
// (bash.ts, zsh.ts, fish.ts) never list a command or a flag by hand.
import type yargsParser from 'yargs-parser';
import type { Command } from '../commands/command';
import { argsOf, type ValueKind, valuesOfFlag } from './hints';

export type { ValueKind } from './hints';

export interface FlagSpec {
  /** Without the dashes: `all`, `no-rc`. */
  name: string;
  description?: string;
  /** What follows the flag; absent for flags that take no value. */
  value?: ValueKind;
}

export interface CommandSpec {
  name: string;
  summary: string;
  flags: FlagSpec[];
  /** What the command's arguments (not flags) are. */
  args: ValueKind;
}

export interface CompletionSpec {
  commands: CommandSpec[];
  /** Flags before any command: --help, --version. */
  globalFlags: FlagSpec[];
}

const HELP: FlagSpec = { name: 'help', description: "show this command's usage" };

function namesOf(list: yargsParser.Options['array']): string[] {
  return (list ?? []).map((entry) => (typeof entry === 'string' ? entry : entry.key));
}

/** `  --dry-run  print what would change` lines of a command's usage text, by flag name. */
function describedFlags(usage: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of usage.matchAll(/^ +--([\w-]+)(?:[ =][A-Z]\S*)? {2,}(\S.*)$/gm)) found.set(match[1]!, match[2]!.trim());
  return found;
}

/**
 * The flags a command accepts, as a user types them: booleans that default to true are
 * offered as --no-NAME (yargs-parser's negation), and long aliases are flags of their own.
 */
export function flagsOf(command: Command): FlagSpec[] {
  const options = command.flags;
  const described = describedFlags(command.usage);
  const flags: FlagSpec[] = [];
  const add = (name: string, value: ValueKind | undefined) => {
    if (flags.some((f) => f.name === name)) return;
    const description = described.get(name);
    flags.push({ name, ...(description !== undefined && { description }), ...(value && { value }) });
    for (const alias of [options.alias?.[name] ?? []].flat()) if (alias.length > 1) add(alias, value);
  };
  for (const name of [...(options.boolean ?? []), ...(options.count ?? [])]) {
    add(options.default?.[name] === true ? `no-${name}` : name, undefined);
  }
  for (const name of options.number ?? []) add(name, valuesOfFlag(name, 'number'));
  for (const name of [...(options.string ?? []), ...namesOf(options.array)]) add(name, valuesOfFlag(name, 'string'));
  return [...flags, HELP];
}

export function completionSpec(commands: readonly Command[]): CompletionSpec {
  return {
    commands: commands.map((c) => ({ name: c.name, summary: c.summary, flags: flagsOf(c), args: argsOf(c.name) })),
    globalFlags: [
      { name: 'help', description: 'list the commands' },
      { name: 'version', description: 'print the version' },
    ],
  };
}

/** The flags of a command that take a value, with their dashes: `--cause`. */
export function valueFlags(command: CommandSpec): string[] {
  return command.flags.filter((f) => f.value).map((f) => `--${f.name}`);
}
