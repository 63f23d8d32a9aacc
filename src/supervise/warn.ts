// The shim says at most one warning line per run (CONTRACT.md, "Fail-open").
let said = false;

export function warnOnce(message: string): void {
  if (said) return;
  said = true;
  try {
    process.stderr.write(`gomod-shim: warning: ${message}\n`);
  } catch {
    // our stderr is gone: nothing more to say
  }
}
