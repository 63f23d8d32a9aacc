// The shape every subcommand module exports; src/cli.ts only registers them.
import type yargsParser from 'yargs-parser';

export interface CommandContext {
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** yargs-parser options: the flags this command accepts. */
  flags: yargsParser.Options;
  /** How many arguments may follow the command's name (default none): more is a usage error. */
  positionals?: number;
  /** Returns the exit code: 0 success, 1 nothing found or failed, 2 usage. */
  run(args: yargsParser.Arguments, ctx: CommandContext): number | Promise<number>;
}

/** A usage error: printed as one line with a pointer to --help, exit 2. */
export class UsageError extends Error {}

/** A runtime failure: printed as one line, exit 1. */
export class CommandError extends Error {}
