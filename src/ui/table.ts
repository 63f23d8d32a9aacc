import { visibleLength } from './style';
import { cutText } from './width';

// The last column is cut rather than wrapped, but keeps at least this much to be recognisable.
const MIN_LAST_COLUMN = 12;

/**
 * Left-aligned columns separated by two spaces; the last column is never padded. With
 * maxWidth, the last column (plain text) is cut with "…" so that each line fits.
 */
export function formatTable(header: string[], rows: string[][], maxWidth: number | null = null): string {
  const all = [header, ...rows];
  const widths = header.map((_, col) => Math.max(...all.map((row) => visibleLength(row[col] ?? ''))));
  const last = header.length - 1;
  const before = widths.slice(0, last).reduce((sum, w) => sum + w + 2, 0);
  const lastWidth = maxWidth === null ? Infinity : Math.max(MIN_LAST_COLUMN, maxWidth - before);
  return all
    .map((row) =>
      row
        .map((cell, col) => (col === last ? (row === header ? cell : cutText(cell, lastWidth)) : cell + ' '.repeat(widths[col] - visibleLength(cell))))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
