// Comparing a run through the shim with the same run straight to the real go.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { REPO, type RunOptions, type RunResult, runRealGo, runShim } from './shim';

/** test/fixtures/goprog: a program to `go run` (modes: cat, env, hex, daemon-stderr, args, spew stdout|stderr N, spawn-wait, spawn-exit, spawn-escape, stty ARGS). */
export const GOPROG = path.join(REPO, 'test', 'fixtures', 'goprog');

const WARNING = /^gomod-shim: warning: .*\n/gm;

/** Where two byte strings first differ, with a little context, for a readable failure. */
function describeDifference(name: string, shim: Buffer, real: Buffer): string {
  let i = 0;
  while (i < shim.length && i < real.length && shim[i] === real[i]) i++;
  const around = (b: Buffer) => JSON.stringify(b.subarray(Math.max(0, i - 40), i + 40).toString('latin1'));
  return `${name} differs at byte ${i} (shim ${shim.length} bytes, real go ${real.length}):\n  shim: ${around(shim)}\n  real: ${around(real)}`;
}

/** Same stdout and stderr bytes, same exit code, same signal. */
export function assertSameOutcome(shim: RunResult, real: RunResult, label = ''): void {
  const prefix = label ? `${label}: ` : '';
  assert.ok(shim.stdout.equals(real.stdout), prefix + describeDifference('stdout', shim.stdout, real.stdout));
  assert.ok(shim.stderr.equals(real.stderr), prefix + describeDifference('stderr', shim.stderr, real.stderr));
  assert.deepEqual({ code: shim.code, signal: shim.signal }, { code: real.code, signal: real.signal }, `${prefix}exit status`);
}

/** Runs `go ARGS` both ways at once (for runs that cannot disturb each other) and compares. */
export async function compareWithRealGo(args: readonly string[], opts: RunOptions, label = args.join(' ')): Promise<RunResult> {
  const [shim, real] = await Promise.all([runShim(args, opts), runRealGo(args, opts)]);
  assertSameOutcome(shim, real, label);
  return shim;
}

/** The shim's own warning lines in a stderr text. */
export function shimWarnings(stderr: Buffer | string): string[] {
  return stderr.toString().match(WARNING) ?? [];
}

/** As assertSameOutcome, but the shim may add one `gomod-shim: warning:` line (fail-open). */
export function assertSameAsRealGo(shim: RunResult, real: RunResult, what: string): void {
  assert.ok(shimWarnings(shim.stderr).length <= 1, `${what}: more than one warning line:\n${shim.stderr}`);
  assertSameOutcome({ ...shim, stderr: Buffer.from(shim.stderr.toString('latin1').replace(WARNING, ''), 'latin1') }, real, what);
}
