// The printed table: one row per variant; a figure (ratio, target, PASS/FAIL) on the
// row it judges. Ratios come from medians; the per-round spread shows how stable they are.
import type { Figure, Group } from './scenarios';
import { type Summary, summarize } from './stats';

export interface FigureResult {
  figure: Figure;
  ratio: number;
  overheadMs: number;
  perRound: Summary;
  pass: boolean | null;
}

export function evaluate(fig: Figure, samples: Map<string, number[]>): FigureResult {
  const v = samples.get(fig.variant)!;
  const d = samples.get(fig.direct)!;
  const med = (xs: number[]) => summarize(xs).median;
  const overheadMs = med(v) - med(d);
  const ratio = med(v) / med(d);
  // Same round, same neighbours: pair the samples to see how much the ratio wobbles.
  const perRound = summarize(v.map((x, i) => x / d[i]));
  return { figure: fig, ratio, overheadMs, perRound, pass: fig.target === null ? null : ratio <= fig.target };
}

const COLUMNS = ['scenario', 'variant', 'median ms', 'p10–p90 ms', 'overhead ms', 'ratio', 'ratio p10–p90', 'target', 'result'];
const RIGHT = new Set([2, 3, 4, 5, 6, 7]);

const ms = (x: number) => x.toFixed(x < 10 ? 2 : 1);
const ratio = (x: number, _kind: Figure['kind']) => `${x.toFixed(2)}×`;

function render(rows: string[][]): string {
  const widths = COLUMNS.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((cell, c) => (RIGHT.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(rows[0]), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

export function groupTable(group: Group, samples: Map<string, number[]>): { text: string; results: FigureResult[] } {
  const rows: string[][] = [COLUMNS];
  const results: FigureResult[] = [];
  let lastScenario = '';
  for (const v of group.variants) {
    const s = summarize(samples.get(v.id)!);
    const row = [v.scenario === lastScenario ? '' : v.scenario, v.label, ms(s.median), `${ms(s.p10)}–${ms(s.p90)}`, '', '', '', '', ''];
    lastScenario = v.scenario;
    const fig = group.figures.find((f) => f.variant === v.id);
    if (fig) {
      const r = evaluate(fig, samples);
      results.push(r);
      row[4] = ms(r.overheadMs);
      row[5] = ratio(r.ratio, fig.kind);
      row[6] = `${ratio(r.perRound.p10, fig.kind)}–${ratio(r.perRound.p90, fig.kind)}`;
      row[7] = fig.target === null ? '(floor)' : `≤ ${fig.target.toFixed(2)}${fig.goal ? ` (goal ${fig.goal.toFixed(1)})` : ''}`;
      row[8] = r.pass === null ? 'info' : r.pass ? 'PASS' : '** FAIL **';
    }
    rows.push(row);
  }
  return { text: render(rows), results };
}
