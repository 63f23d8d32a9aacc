// A command's own warnings (bad settings, journals and rows set aside) as ONE line on stderr,
// secrets redacted and control characters escaped, like every `gomod-shim: warning:` line.
import { redactText } from '../redact';
import { printableLine } from '../ui/printable';

export function warningLine(warnings: readonly string[]): string | null {
  if (warnings.length === 0) return null;
  return `gomod-shim: warning: ${printableLine(redactText(warnings.join('; ')))}\n`;
}

export function printWarnings(stderr: NodeJS.WritableStream, warnings: readonly string[]): void {
  const line = warningLine(warnings);
  if (line) stderr.write(line);
}
