// The shim says at most one warning line per run (CONTRACT.md, "Fail-open").
import { sayOnStderr } from './stderr-write';

// One flag for the whole process: the supervisor and each bundle it loads lazily (dist/hang.js,
// dist/export.js) carry their own copy of this module.
const SAID = Symbol.for('gomod-shim.warning-said');

export function warnOnce(message: string): void {
  const process = globalThis as { [SAID]?: boolean };
  if (process[SAID]) return;
  process[SAID] = true;
  sayOnStderr(`gomod-shim: warning: ${message}`);
}
