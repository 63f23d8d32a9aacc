import { version } from '../../package.json';
import { formatLimit } from '../adaptive/describe';
import { redactDeep } from '../redact';
import type { Snapshot } from '../snapshot/snapshot';
import type { HistoryItem } from '../store/store';
import { printableDeep } from '../ui/printable';
import { styleFor } from '../ui/style';
import { relativeTime } from '../ui/time';
import { type Command, CommandError, UsageError } from './command';
import { commandLine, duration, outcome } from './describe-run';
import { markdownReport } from './markdown-report';
import { runId } from './numbers';
import { readHistory } from './open-store';
import { renderSnapshot } from './render-snapshot';

/** "23s — auto: 3× the longest quiet spell of …": the run's record, else its snapshot (a run still going). */
function hangLimit(run: HistoryItem, snapshot: Snapshot | null): string | null {
  const ms = run.hang_limit_ms ?? snapshot?.hang_after_ms ?? null;
  const reason = run.hang_limit_reason ?? snapshot?.hang_after_reason ?? null;
  if (ms === null) return null;
  return reason ? `${formatLimit(ms)} — ${reason}` : formatLimit(ms);
}

export const show: Command = {
  name: 'show',
  summary: 'one run with its snapshot (--raw: the whole goroutine dump; --markdown: a report for a bug tracker)',
  usage: 'gomod-shim show ID [--json | --raw | --markdown]',
  flags: { boolean: ['json', 'raw', 'markdown'] },
  positionals: 1,
  run(args, ctx) {
    const raw = args._[1];
    if (raw === undefined) throw new UsageError('show needs a run ID (see gomod-shim history)');
    const id = runId(raw);

    if ([args.json, args.raw, args.markdown].filter(Boolean).length > 1)
      throw new UsageError('--json, --raw and --markdown each print the run their own way: give one');

    const found = readHistory(ctx, (store) => {
      const run = store.get(id);
      return run ? { run, snapshot: store.snapshot(id) } : null;
    });
    if (!found) throw new CommandError(`no run #${id} in the history`);
    // Redacted again on the way out (records of older versions); JSON escapes control characters
    // itself, text output gets them escaped visibly.
    const safe = redactDeep(found);
    if (args.json) {
      ctx.stdout.write(`${JSON.stringify({ ...safe.run, snapshot: safe.snapshot }, null, 2)}\n`);
      return 0;
    }
    const { run, snapshot } = printableDeep(safe);
    if (args.markdown) {
      ctx.stdout.write(markdownReport(run, snapshot, version));
      return 0;
    }
    if (args.raw) {
      if (snapshot?.retention)
        throw new CommandError(
          `run #${id}'s goroutine dump was dropped on ${snapshot.retention.dump_dropped_at.slice(0, 10)} by the retention cap (the newest snapshots keep theirs)`,
        );
      if (!snapshot?.goroutines.raw)
        throw new CommandError(`run #${id} has no goroutine dump${snapshot ? ` (taken in ${snapshot.mode} mode)` : ' (it did not hang)'}`);
      ctx.stdout.write(snapshot.goroutines.raw.endsWith('\n') ? snapshot.goroutines.raw : `${snapshot.goroutines.raw}\n`);
      return 0;
    }
    const style = styleFor(ctx.stdout, ctx.env);
    const field = (name: string, value: string) => `${style.dim(name.padEnd(9))} ${value}\n`;
    const limit = hangLimit(run, snapshot);
    ctx.stdout.write(
      `${style.bold(`Run #${run.id}`)}  ${commandLine(run)}\n` +
        field('started', `${run.started_at} (${relativeTime(run.started_at, Date.now())})`) +
        field('took', duration(run)) +
        (limit ? field('limit', limit) : '') +
        (run.longest_idle_ms !== null ? field('quiet', `${formatLimit(run.longest_idle_ms)} at the longest`) : '') +
        field('outcome', `${outcome(run, style)}${run.status === 'lost' ? ' (the shim ended before go did: killed or crashed)' : ''}`) +
        field('module', run.module ?? '-') +
        field('dir', run.cwd) +
        (run.caller ? field('caller', run.caller) : '') +
        (snapshot ? renderSnapshot(snapshot, style, run.id) : run.summary ? field('cause', `${run.cause}: ${run.summary}`) : ''),
    );
    return 0;
  },
};
