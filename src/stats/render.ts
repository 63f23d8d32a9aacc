// `gomod-shim stats` for people: bars where counts compare, a sparkline for the rate over time,
// tables where the numbers themselves matter.
import { formatDuration } from '../duration';
import type { Style } from '../ui/style';
import { formatTable } from '../ui/table';
import { bucketLabel } from './buckets';
import { bar, sparkline } from './charts';
import { localDateTime, percent } from './format';
import type { Stats } from './summarise';

const BAR_WIDTH = 30;

function section(style: Style, title: string, body: string): string {
  return `\n${style.bold(title)}\n${body.replace(/^/gm, '  ')}\n`;
}

/** label  ██████  count  note — one line per row, bars scaled to the largest. */
function barChart(style: Style, rows: { label: string; value: number; note?: string }[]): string {
  const max = Math.max(...rows.map((r) => r.value));
  const width = Math.max(...rows.map((r) => r.label.length));
  const digits = String(max).length;
  return rows
    .map(
      (r) =>
        `${r.label.padEnd(width)}  ${style.red(bar(r.value, max, BAR_WIDTH).padEnd(BAR_WIDTH))}  ${String(r.value).padStart(digits)}${r.note ? `  ${style.dim(r.note)}` : ''}`,
    )
    .join('\n');
}

/** Right-aligns the given columns (numbers read better so) before formatTable pads the rest. */
function alignRight(header: string[], rows: string[][], columns: number[]): string[][] {
  const all = [header, ...rows];
  for (const col of columns) {
    const width = Math.max(...all.map((r) => r[col].length));
    for (const r of all) r[col] = r[col].padStart(width);
  }
  return all;
}

function causes(s: Stats, style: Style): string {
  if (s.hangs === 0) return 'no hangs';
  return barChart(
    style,
    s.by_cause.map((c) => ({ label: c.cause, value: c.hangs })),
  );
}

function hosts(s: Stats, style: Style): string {
  if (s.by_host.length === 0) return s.hangs === 0 ? 'no hangs' : 'no remote host in the snapshots (a lock or a local wait)';
  return barChart(
    style,
    s.by_host.map((h) => ({ label: `${h.host} (${h.role})`, value: h.hangs, note: `connection open in ${h.connected}, probe failed in ${h.probe_failed}` })),
  );
}

function modules(s: Stats, style: Style): string {
  const rows = s.by_module.map((m) => [
    m.module ?? '(no module)',
    String(m.runs),
    String(m.hangs),
    percent(m.hang_rate),
    style.red(bar(m.hangs, s.by_module[0].hangs, 20)),
  ]);
  const more = s.modules_total - s.by_module.length;
  const [header, ...body] = alignRight(['MODULE', 'RUNS', 'HANGS', 'RATE', ''], rows, [1, 2, 3]);
  return (
    formatTable(header.map(style.bold), body) + (more > 0 ? `\n${style.dim(`+ ${more} more modules (--json lists the top ${s.by_module.length} too)`)}` : '')
  );
}

function commands(s: Stats, style: Style): string {
  const time = (ms: number | null) => (ms === null ? '-' : formatDuration(ms));
  const rows = s.commands.map((c) => [c.command, String(c.runs), String(c.hangs), time(c.median_ms), time(c.max_ms)]);
  const [header, ...body] = alignRight(['COMMAND', 'RUNS', 'HANGS', 'MEDIAN', 'MAX'], rows, [1, 2, 3, 4]);
  return formatTable(header.map(style.bold), body);
}

function timeline(s: Stats, style: Style): { title: string; body: string } {
  const { unit, buckets } = s.timeline;
  const rates = buckets.map((b) => b.hang_rate);
  const top = Math.max(0, ...rates.map((r) => r ?? 0));
  const line = sparkline(rates, top);
  const first = bucketLabel(unit, buckets[0].start);
  const last = bucketLabel(unit, buckets[buckets.length - 1].start);
  const axis = line.length >= first.length + last.length + 2 ? `${first}${' '.repeat(line.length - first.length - last.length)}${last}` : `${first} → ${last}`;
  const scale = top > 0 ? `█ = ${percent(top)}` : 'no hangs';
  return { title: `Hang rate per ${unit} (${scale}; blank: no runs)`, body: `${style.yellow(line)}\n${style.dim(axis)}` };
}

export function renderStats(s: Stats, style: Style): string {
  const span = s.since ? `since ${localDateTime(s.since)}` : 'all recorded';
  const head = `${style.bold('Watched runs')} ${span}: ${s.runs} runs, ${s.hangs} hung (${percent(s.hang_rate)})\n`;
  if (s.runs === 0) return `${head}\nNothing recorded in this span.\n`;
  const rate = timeline(s, style);
  return (
    head +
    section(style, 'Hangs by cause', causes(s, style)) +
    section(style, 'Hangs by host (what go was waiting on)', hosts(s, style)) +
    section(style, 'Modules (where go ran)', modules(s, style)) +
    section(style, 'Slowest commands (median and max of the runs that ended on their own)', commands(s, style)) +
    section(style, rate.title, rate.body)
  );
}
