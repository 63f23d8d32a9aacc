// `gomod-shim stats`: what the history says about hangs — causes, hosts, modules, slow
// commands and the hang rate over time.

import { redactDeep } from '../redact';
import { planTimeline } from '../stats/buckets';
import { renderStats } from '../stats/render';
import { summarise } from '../stats/summarise';
import { printableDeep } from '../ui/printable';
import { styleFor } from '../ui/style';
import { parseSince } from '../ui/time';
import { type Command, UsageError } from './command';
import { readHistory } from './open-store';

const DEFAULT_SINCE = '30d';

export const stats: Command = {
  name: 'stats',
  summary: 'hangs by cause, host and module, the slowest commands, the hang rate over time',
  usage: `gomod-shim stats [--since 2h|7d|2026-11-01 | --all] [--json]\n\n  --since  runs started since then (default ${DEFAULT_SINCE})\n  --all    every recorded run\n  --json   the same figures for machines`,
  flags: { boolean: ['json', 'all'], string: ['since'] },
  run(args, ctx) {
    const now = Date.now();
    if (args.all && args.since !== undefined) throw new UsageError('--all and --since do not go together');
    let since: string | null = null;
    if (!args.all) {
      const text = args.since === undefined ? DEFAULT_SINCE : String(args.since);
      since = parseSince(text, now);
      if (!since) throw new UsageError(`--since takes a duration (2h, 7d) or a date (2026-11-01), not ${text}`);
    }
    const rows = readHistory(ctx, (store) => store.stats(since, (first) => planTimeline(since, first, now)));
    const figures = redactDeep(summarise(rows, since, now));
    if (args.json) ctx.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
    else ctx.stdout.write(renderStats(printableDeep(figures, true), styleFor(ctx.stdout, ctx.env)));
    return 0;
  },
};
