import * as fs from 'node:fs';
import * as path from 'node:path';
import { CAUSES, isCause } from '../causes';
import { redactDeep } from '../redact';
import type { HistoryQuery } from '../store/store';
import { printableDeep } from '../ui/printable';
import { styleFor } from '../ui/style';
import { formatTable } from '../ui/table';
import { parseSince, relativeTime } from '../ui/time';
import { outputWidth } from '../ui/width';
import { type Command, UsageError } from './command';
import { commandLine, duration, outcome } from './describe-run';
import { decimal } from './numbers';
import { readHistory } from './open-store';

/** Runs record go's working directory as the kernel reports it: symlinks resolved. */
function physicalPath(dir: string): string {
  const resolved = path.resolve(dir);
  try {
    return fs.realpathSync(resolved);
  } catch {
    return resolved; // a folder that is gone can still have runs
  }
}

export const history: Command = {
  name: 'history',
  summary: 'past hangs, newest first (--all: every watched run)',
  usage:
    "gomod-shim history [--all] [--json] [--limit N] [--since 2h|7d|2026-11-01] [--cwd DIR] [--module PATH] [--cause LABEL] [--caller NAME]\n\n  --caller  runs started by that program (gopls, make, bash: the name ps shows)\n  The COMMAND column is cut to the terminal's width (to COLUMNS when not on a terminal, if set).",
  flags: {
    boolean: ['all', 'json'],
    string: ['since', 'cwd', 'module', 'cause', 'caller', 'limit'],
  },
  run(args, ctx) {
    const now = Date.now();
    const query: HistoryQuery = { hungOnly: !args.all, limit: args.limit === undefined ? 20 : decimal('--limit', args.limit, 1) };
    if (args.since !== undefined) {
      const since = parseSince(String(args.since), now);
      if (!since) throw new UsageError(`--since takes a duration (2h, 7d) or a date (2026-11-01), not ${args.since}`);
      query.since = since;
    }
    if (args.cwd !== undefined) query.cwd = physicalPath(String(args.cwd));
    if (args.module !== undefined) query.module = String(args.module);
    if (args.cause !== undefined) {
      if (!isCause(String(args.cause))) throw new UsageError(`--cause takes one of ${CAUSES.join(', ')}`);
      query.cause = String(args.cause);
    }
    if (args.caller !== undefined) {
      if (String(args.caller).trim() === '') throw new UsageError('--caller takes a program name (gopls, make, bash)');
      query.caller = String(args.caller);
    }

    // Redacted again on the way out (rows of older versions), escaped for a terminal in text.
    const runs = redactDeep(readHistory(ctx, (store) => store.list(query)));

    if (args.json) {
      ctx.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
      return 0;
    }
    if (runs.length === 0) {
      ctx.stdout.write(query.hungOnly ? 'No hangs recorded. (gomod-shim history --all lists every watched run.)\n' : 'No watched runs recorded yet.\n');
      return 0;
    }
    const style = styleFor(ctx.stdout, ctx.env);
    const rows = printableDeep(runs, true).map((r) => [
      style.dim(`#${r.id}`),
      relativeTime(r.started_at, now),
      duration(r),
      outcome(r, style),
      r.cause ?? '',
      r.caller ?? '',
      r.module ?? r.cwd,
      commandLine(r),
    ]);
    ctx.stdout.write(
      `${formatTable(['ID', 'WHEN', 'TOOK', 'EXIT', 'CAUSE', 'CALLER', 'MODULE / DIR', 'COMMAND'].map(style.bold), rows, outputWidth(ctx.stdout, ctx.env))}\n`,
    );
    return 0;
  },
};
