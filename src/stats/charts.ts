// Small terminal charts from Unicode block characters. Hand-written rather than a library: the
// few npm ones either draw zero and "no data" alike or round a single hang down to nothing,
// and these are twenty lines.
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
const SPARKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** A horizontal bar of value/max × width cells, in eighths of a cell; anything above 0 shows. */
export function bar(value: number, max: number, width: number): string {
  if (value <= 0 || max <= 0) return '';
  const eighths = Math.max(1, Math.round((Math.min(value, max) / max) * width * 8));
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}

/**
 * One character per value: null (no data) is a space, 0 the lowest block, and any value above 0
 * at least the second, so one hang in a quiet week stays visible. max: the top of the scale.
 */
export function sparkline(values: readonly (number | null)[], max = Math.max(0, ...values.map((v) => v ?? 0))): string {
  return values
    .map((v) => {
      if (v === null) return ' ';
      if (v <= 0 || max <= 0) return SPARKS[0];
      return SPARKS[1 + Math.round((Math.min(v, max) / max) * (SPARKS.length - 2))];
    })
    .join('');
}
