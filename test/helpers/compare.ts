// Comparing a run through the shim with the same run straight to the real go.
import assert from 'node:assert/strict';
import type { RunResult } from './shim';

const WARNING = /^gomod-shim: warning: .*\n/gm;

/** The shim's own warning lines in a stderr text. */
export function shimWarnings(stderr: Buffer | string): string[] {
  return stderr.toString().match(WARNING) ?? [];
}

/** Same stdout bytes, same stderr bytes but for at most one warning line, same exit. */
export function assertSameAsRealGo(shim: RunResult, real: RunResult, what: string): void {
  assert.ok(shimWarnings(shim.stderr).length <= 1, `${what}: more than one warning line:\n${shim.stderr}`);
  assert.deepEqual(shim.stdout, real.stdout, `${what}: stdout differs`);
  assert.equal(shim.stderr.toString().replace(WARNING, ''), real.stderr.toString(), `${what}: stderr differs`);
  assert.equal(shim.code, real.code, `${what}: exit code differs`);
  assert.equal(shim.signal, real.signal, `${what}: signal differs`);
}
