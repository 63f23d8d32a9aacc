// gomod-shim's own command line: parses and dispatches. Each command lives in src/commands/, listed in registry.ts.
import yargsParser from 'yargs-parser';
import { version } from '../package.json';
import { type CommandContext, CommandError, UsageError } from './commands/command';
import { COMMANDS } from './commands/registry';
import { redactText } from './redact';
import { printableLine } from './ui/printable';

// Numbers stay text: each command checks its own (src/commands/numbers.ts), so `0x1` is not 1.
const PARSER_CONFIG = {
  'camel-case-expansion': false,
  'strip-aliased': true,
  'unknown-options-as-args': false,
  'parse-numbers': false,
  'parse-positional-numbers': false,
};

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'gomod-shim: watches go mod / go get / … for hangs, and records why they hang.',
    '',
    'Usage: gomod-shim COMMAND [flags]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Flags: --help (also after a command), --version',
    'Settings are GOMODSHIM_* environment variables: see the README.',
    '',
  ].join('\n');
}

/** Flags given but not declared by the command: one clear usage error instead of silence. */
function checkFlags(args: yargsParser.Arguments, flags: yargsParser.Options): void {
  const known = new Set(['_', '--', 'help', ...(flags.boolean ?? []), ...(flags.string ?? []), ...(flags.number ?? [])]);
  for (const key of Object.keys(args)) if (!known.has(key)) throw new UsageError(`unknown flag --${key}`);
}

async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const first = yargsParser(argv, { boolean: ['help', 'version'], alias: { help: ['h'], version: ['V'] }, configuration: PARSER_CONFIG });
  const name = first._[0] === undefined ? undefined : String(first._[0]);
  if (name === undefined) {
    if (first.version) return (ctx.stdout.write(`gomod-shim ${version}\n`), 0);
    if (first.help) return (ctx.stdout.write(mainHelp()), 0);
    throw new UsageError('no command given');
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw new UsageError(`unknown command ${name}`);
  const flags = { ...command.flags, boolean: [...(command.flags.boolean ?? []), 'help'], alias: { help: ['h'] } };
  const args = yargsParser(argv, { ...flags, configuration: PARSER_CONFIG });
  if (args.help) return (ctx.stdout.write(`Usage: ${command.usage}\n\n${command.summary}\n`), 0);
  checkFlags(args, flags);
  const extra = args._.slice(1 + (command.positionals ?? 0));
  if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(String(extra[0]))}`);
  return command.run(args, ctx);
}

async function main(): Promise<void> {
  // A closed pipe (gomod-shim history | head) ends quietly.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => process.exit(err.code === 'EPIPE' ? 0 : 1));
  const ctx: CommandContext = { env: process.env, stdout: process.stdout, stderr: process.stderr };
  const argv = process.argv.slice(2);
  try {
    process.exitCode = await run(argv, ctx);
  } catch (err) {
    if (err instanceof UsageError) {
      const cmd = COMMANDS.find((c) => c.name === argv.find((a) => !a.startsWith('-')));
      ctx.stderr.write(`gomod-shim: ${printableLine(err.message)} (see gomod-shim ${cmd ? `${cmd.name} ` : ''}--help)\n`);
      process.exitCode = 2;
    } else if (err instanceof CommandError) {
      ctx.stderr.write(`gomod-shim: ${printableLine(redactText(err.message))}\n`);
      process.exitCode = 1;
    } else {
      // One line even here: the message, redacted; the stack only on request.
      const detail = ctx.env.GOMODSHIM_DEBUG ? ((err as Error).stack ?? String(err)) : printableLine((err as Error).message ?? String(err));
      ctx.stderr.write(`gomod-shim: internal error: ${redactText(detail)}\n`);
      process.exitCode = 1;
    }
  }
}

void main();
