// GOMODSHIM_HANG_AFTER=auto: a hang limit learned from how quiet successful runs of the same
// command in the same module have been. Pure: it sees numbers, never the database.
//
// limit = FACTOR × the longest quiet spell of the last WINDOW successful runs + MARGIN,
// kept between FLOOR and CEILING; the fixed limit until MIN_RUNS such runs are on record.
// The maximum, not a percentile: a rare long spell in a run that succeeded is exactly the
// slow-but-working case that must never be called a hang, so it is kept, not trimmed.

export interface AutoParams {
  factor: number;
  /** Covers the sampler's 500 ms steps and the jitter of small histories. */
  marginMs: number;
  /** Above the supervisor's 1 s history lookup, so no run is called hung on the provisional limit first. */
  floorMs: number;
  ceilingMs: number;
  minRuns: number;
  /** The most recent runs only: the limit follows a proxy that got faster or slower. */
  window: number;
}

export const AUTO_PARAMS: AutoParams = {
  factor: 3,
  marginMs: 5_000,
  floorMs: 10_000,
  ceilingMs: 10 * 60_000,
  minRuns: 5,
  window: 50,
};

export type AutoLimit =
  | { kind: 'learned'; ms: number; runs: number; longestQuietMs: number; formulaMs: number; bound: 'floor' | 'ceiling' | null }
  | { kind: 'too-few-runs'; ms: number; runs: number; needed: number };

/**
 * quietMs: the longest quiet spell of each past successful run, newest first.
 * fallbackMs: the fixed limit used until there is enough history.
 */
export function autoLimit(quietMs: readonly number[], fallbackMs: number, p: AutoParams = AUTO_PARAMS): AutoLimit {
  const spells = quietMs.filter((ms) => Number.isFinite(ms) && ms >= 0).slice(0, p.window);
  if (spells.length < p.minRuns) return { kind: 'too-few-runs', ms: fallbackMs, runs: spells.length, needed: p.minRuns };
  // In tenths of a second, rounded up: the sentence a record keeps then adds up exactly.
  const longestQuietMs = Math.ceil(Math.max(...spells) / 100) * 100;
  const formulaMs = p.factor * longestQuietMs + p.marginMs;
  const bound = formulaMs < p.floorMs ? 'floor' : formulaMs > p.ceilingMs ? 'ceiling' : null;
  const ms = bound === 'floor' ? p.floorMs : bound === 'ceiling' ? p.ceilingMs : formulaMs;
  return { kind: 'learned', ms, runs: spells.length, longestQuietMs, formulaMs, bound };
}
