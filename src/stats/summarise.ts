// From the grouped rows of the history (src/store/stats.ts) to the figures `gomod-shim stats`
// shows and `--json` returns. Pure: rows in, numbers out.
import type { StatsRows } from '../store/stats';
import type { BucketUnit } from './buckets';
import { countHosts, type HostCount } from './hosts';

export const TOP_MODULES = 10;
export const TOP_COMMANDS = 10;

export interface Stats {
  since: string | null;
  until: string;
  runs: number;
  hangs: number;
  /** hangs / runs, 0 when there were no runs */
  hang_rate: number;
  by_cause: { cause: string; hangs: number }[];
  by_host: HostCount[];
  /** the modules go ran in (null: outside any module), most hangs first */
  by_module: { module: string | null; runs: number; hangs: number; hang_rate: number }[];
  modules_total: number;
  /** command shapes, slowest median first; median and max over runs that ended on their own */
  commands: { command: string; runs: number; hangs: number; timed: number; median_ms: number | null; max_ms: number | null }[];
  timeline: { unit: BucketUnit; buckets: { start: string; runs: number; hangs: number; hang_rate: number | null }[] };
}

const rate = (hangs: number, runs: number) => (runs === 0 ? 0 : hangs / runs);

export function summarise(rows: StatsRows, since: string | null, now: number): Stats {
  const { totals } = rows;
  const buckets = rows.buckets.map((b) => ({ start: b.bucket, runs: b.runs, hangs: b.hangs, hang_rate: b.runs > 0 ? b.hangs / b.runs : null }));
  const commands = rows.commands
    .map((c) => ({ command: `go ${c.shape}`.trimEnd(), runs: c.runs, hangs: c.hangs, timed: c.timed, median_ms: c.median_ms, max_ms: c.max_ms }))
    .sort((a, b) => (b.median_ms ?? -1) - (a.median_ms ?? -1) || b.runs - a.runs || a.command.localeCompare(b.command));
  return {
    since,
    until: new Date(now).toISOString(),
    runs: totals.runs,
    hangs: totals.hangs,
    hang_rate: rate(totals.hangs, totals.runs),
    by_cause: rows.causes.map((c) => ({ cause: c.cause, hangs: c.hangs })),
    by_host: countHosts(rows.endpoints),
    by_module: rows.modules.slice(0, TOP_MODULES).map((m) => ({ ...m, hang_rate: rate(m.hangs, m.runs) })),
    modules_total: rows.modules.length,
    commands: commands.slice(0, TOP_COMMANDS),
    timeline: { unit: rows.unit, buckets },
  };
}
