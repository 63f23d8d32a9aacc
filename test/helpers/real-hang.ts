// A real hang through the shim: a watched `go mod download` against a loopback GOPROXY that
// accepts and never answers, caught after 2 s, dumped, exit 124, with a stored snapshot.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { type RunResult, runShim } from './shim';

// The probe timeout also bounds `go env` (3x) and the probe as a whole: 1s, not less, so that a
// loaded test machine still gets both into the snapshot.
export const HANG_SETTINGS = { GOMODSHIM_HANG_AFTER: '2s', GOMODSHIM_PROBE_TIMEOUT: '1s', GOMODSHIM_ON_HANG: 'dump' };

export interface RealHang {
  id: number;
  result: RunResult;
  /** the module path go was asked to download */
  module: string;
}

/** Runs one hang in `cwd` (a module folder) with `env` (GOPROXY pointing at a silent proxy; it may override HANG_SETTINGS). */
export async function hangThroughShim(cwd: string, env: NodeJS.ProcessEnv): Promise<RealHang> {
  const module = `example.com/dep${randomUUID().slice(0, 8)}`;
  const result = await runShim(['mod', 'download', `${module}@v1.0.0`], { cwd, env: { ...HANG_SETTINGS, ...env }, timeoutMs: 30_000 });
  const stderr = result.stderr.toString();
  assert.equal(result.code, 124, `a hang ends with 124; stderr:\n${stderr.slice(-2000)}`);
  const saved = /saved as #(\d+)/.exec(stderr);
  assert.ok(saved, `the hang line names the run; stderr:\n${stderr.slice(-2000)}`);
  return { id: Number(saved[1]), result, module };
}
