// Quoting for the shell code gomod-shim writes (rc-file blocks, completion scripts).

/** One word for sh, bash and zsh: single quotes, nothing inside expanded. */
export function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** One word for fish, whose single quotes take \\ and \' as escapes. */
export function fishQuote(s: string): string {
  return `'${s.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}
