// Order statistics for timing samples: medians and a p10–p90 spread, no means
// (a single slow outlier from machine noise must not move the figure).

/** The q-quantile (0..1) of already sorted numbers, interpolated linearly. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

export interface Summary {
  n: number;
  median: number;
  p10: number;
  p90: number;
  max: number;
}

export function summarize(xs: readonly number[]): Summary {
  const sorted = [...xs].sort((a, b) => a - b);
  return { n: sorted.length, median: quantile(sorted, 0.5), p10: quantile(sorted, 0.1), p90: quantile(sorted, 0.9), max: sorted[sorted.length - 1] ?? NaN };
}
