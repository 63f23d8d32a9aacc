import { styleFor } from '../ui/style';
import { relativeTime } from '../ui/time';
import { CommandError, UsageError, type Command } from './command';
import { commandLine, duration, outcome } from './describe-run';
import { readHistory } from './open-store';

export const show: Command = {
  name: 'show',
  summary: 'one run with its snapshot',
  usage: 'gomod-shim show ID [--json]',
  flags: { boolean: ['json'] },
  run(args, ctx) {
    const raw = args._[1];
    if (raw === undefined) throw new UsageError('show needs a run ID (see gomod-shim history)');
    const id = Number(String(raw).replace(/^#/, ''));
    if (!Number.isInteger(id) || id <= 0) throw new UsageError(`show takes a run ID like 12, not ${raw}`);

    const run = readHistory(ctx.env, (store) => store.get(id));
    if (!run) throw new CommandError(`no run #${id} in the history`);

    if (args.json) {
      ctx.stdout.write(`${JSON.stringify({ ...run, snapshot: null }, null, 2)}\n`);
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
        (run.summary ? field('cause', `${run.cause}: ${run.summary}`) : ''),
    );
    return 0;
  },
};
