// Text from a record (argv, module, cwd, a summary, go's stderr) printed to a terminal must not
// drive it: ESC could retitle the window or hide text, CR could overwrite a line. Control
// characters are shown escaped instead (`\x1b`); tab and newline stay where text may span lines.
// JSON output needs none of this: JSON.stringify escapes them already.

// C0 (but tab and newline), DEL, C1, and the Unicode line/paragraph separators and bidi overrides.
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const CONTROL_OR_NEWLINE = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeControl(ch: string): string {
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Multi-line text (a dump, a report): control characters escaped, tabs and newlines kept. */
export function printable(text: string): string {
  return text.replace(CONTROL, escapeControl);
}

/** One line (a warning, a table cell): newlines escaped too. */
export function printableLine(text: string): string {
  return text.replace(CONTROL_OR_NEWLINE, escapeControl);
}

/** A whole record made safe to print as text: every string escaped (oneLine: newlines too), shape unchanged. */
export function printableDeep<T>(value: T, oneLine = false): T {
  if (typeof value === 'string') return (oneLine ? printableLine(value) : printable(value)) as T;
  if (Array.isArray(value)) return value.map((v) => printableDeep(v, oneLine)) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, printableDeep(v, oneLine)])) as T;
}
