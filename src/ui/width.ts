// How wide a table may be: the terminal's width on a terminal; COLUMNS when output goes
// elsewhere and it is set; otherwise no limit (a pipe or file gets whole lines for grep).
const MIN_WIDTH = 20;

export function outputWidth(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): number | null {
  if (stream.isTTY === true && typeof stream.columns === 'number' && stream.columns > 0) return stream.columns;
  const columns = Number(env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? Math.max(columns, MIN_WIDTH) : null;
}

/** Plain text cut to at most width characters, ending in "…" when something was cut. */
export function cutText(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  return width <= 0 ? '' : `${chars.slice(0, width - 1).join('')}…`;
}
