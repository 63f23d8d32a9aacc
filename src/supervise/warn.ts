// The shim says at most one warning line per run (CONTRACT.md, "Fail-open").
import { sayOnStderr } from './stderr-write';

let said = false;

export function warnOnce(message: string): void {
  if (said) return;
  said = true;
  sayOnStderr(`gomod-shim: warning: ${message}`);
}
