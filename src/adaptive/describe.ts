// The sentence a run's record keeps about an auto limit: which runs it learned from, and how.
import { formatDuration } from '../duration';
import { AUTO_PARAMS, type AutoLimit, type AutoParams } from './auto-limit';

export interface AutoSubject {
  command: string; // "mod download"
  module: string | null;
}

/** Tenths of a second below a minute (12.5s), so the sum in the sentence adds up. */
export function formatLimit(ms: number): string {
  return ms < 60_000 ? `${Number((ms / 1000).toFixed(1))}s` : formatDuration(ms);
}

function runs(n: number, subject: AutoSubject): string {
  const where = subject.module ? `in ${subject.module}` : 'outside any module';
  return `${n} successful \`go ${subject.command}\` run${n === 1 ? '' : 's'} ${where}`;
}

/**
 * "3× the longest quiet spell of 12 successful `go mod download` runs in example.com/app (6s) + 5s = 23s"
 * "default 60s until 5 successful `go mod download` runs in example.com/app are recorded (3 so far)"
 */
export function describeAutoLimit(limit: AutoLimit, subject: AutoSubject, fallback: string, p: AutoParams = AUTO_PARAMS): string {
  if (limit.kind === 'too-few-runs') return `${fallback} until ${runs(limit.needed, subject)} are recorded (${limit.runs} so far)`;
  const formula =
    `${p.factor}× the longest quiet spell of ${runs(limit.runs, subject)} (${formatLimit(limit.longestQuietMs)})` +
    ` + ${formatLimit(p.marginMs)} = ${formatLimit(limit.formulaMs)}`;
  if (limit.bound === 'floor') return `${formula}, raised to the ${formatLimit(p.floorMs)} floor`;
  if (limit.bound === 'ceiling') return `${formula}, lowered to the ${formatLimit(p.ceilingMs)} ceiling`;
  return formula;
}
