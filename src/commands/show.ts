import { styleFor } from '../ui/style';
import { relativeTime } from '../ui/time';
import { CommandError, UsageError, type Command } from './command';
import { commandLine, duration, outcome } from './describe-run';
import { readHistory } from './open-store';
import { renderSnapshot } from './render-snapshot';

export const show: Command = {
  name: 'show',
  summary: 'one run with its snapshot',
  usage: 'gomod-shim show ID [--json | --raw]',
  flags: { boolean: ['json', 'raw'] },
  run(args, ctx) {
    const raw = args._[1];
    if (raw === undefined) throw new UsageError('show needs a run ID (see gomod-shim history)');
    const id = Number(String(raw).replace(/^#/, ''));
    if (!Number.isInteger(id) || id <= 0) throw new UsageError(`show takes a run ID like 12, not ${raw}`);

    const found = readHistory(ctx.env, (store) => {
      const run = store.get(id);
      return run ? { run, snapshot: store.snapshot(id) } : null;
    });
    if (!found) throw new CommandError(`no run #${id} in the history`);
    const { run, snapshot } = found;

    if (args.json) {
      ctx.stdout.write(`${JSON.stringify({ ...run, snapshot }, null, 2)}\n`);
      return 0;
    }
    if (args.raw) {
      // The goroutine dump as go printed it (secrets redacted), for tools that read dumps.
      const dump = snapshot?.goroutines.raw;
      if (!dump) throw new CommandError(`run #${id} has no goroutine dump${snapshot ? ' (taken in observe mode)' : ''}`);
      ctx.stdout.write(dump.endsWith('\n') ? dump : `${dump}\n`);
      return 0;
    }
    const style = styleFor(ctx.stdout, ctx.env);
    const field = (name: string, value: string) => `${style.dim(name.padEnd(9))} ${value}\n`;
    ctx.stdout.write(
      `${style.bold(`Run #${run.id}`)}  ${commandLine(run)}\n` +
        field('started', `${run.started_at} (${relativeTime(run.started_at, Date.now())})`) +
        field('took', duration(run)) +
        field('outcome', `${outcome(run, style)}${run.status === 'lost' ? ' (the shim ended before go did: killed or crashed)' : ''}`) +
        field('module', run.module ?? '-') +
        field('dir', run.cwd) +
        (run.summary ? field('cause', `${run.cause}: ${run.summary}`) : '') +
        (snapshot ? renderSnapshot(snapshot, style) : ''),
    );
    return 0;
  },
};
