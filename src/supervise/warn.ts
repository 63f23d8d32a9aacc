// The shim says at most one warning line per run (CONTRACT.md, "Fail-open").
import { redactText } from '../redact';
import { printableLine } from '../ui/printable';
import { sayOnStderr } from './stderr-write';

// One flag for the whole process: the supervisor and each bundle it loads lazily (dist/hang.js,
// dist/export.js) carry their own copy of this module.
const shared = globalThis as { gomodShimWarned?: boolean };

export function warnOnce(message: string): void {
  if (shared.gomodShimWarned) return;
  shared.gomodShimWarned = true;
  sayOnStderr(`gomod-shim: warning: ${printableLine(redactText(message))}`);
}

/** shim/go printed the run's one warning line already (src/config/shell-settings.ts). */
export function markWarned(): void {
  shared.gomodShimWarned = true;
}
