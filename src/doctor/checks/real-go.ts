// The real toolchain behind the shim, and its version.
import { execFile } from 'node:child_process';
import type { Check } from '../check';

export const realGoCheck: Check = async (ctx) => {
  if (!ctx.realGo) {
    return {
      name: 'real go',
      status: 'fail',
      detail: ctx.env.GOMODSHIM_REAL_GO ? `GOMODSHIM_REAL_GO=${ctx.env.GOMODSHIM_REAL_GO} is not an executable go` : 'no go toolchain on PATH besides the shim',
      fix: 'install Go (apt-get install golang-go, or https://go.dev/dl) or set GOMODSHIM_REAL_GO',
    };
  }
  const version = await new Promise<string | null>((resolve) =>
    execFile(ctx.realGo as string, ['version'], { env: ctx.env, timeout: 5000 }, (err, out) => resolve(err ? null : out.trim())),
  );
  return version
    ? { name: 'real go', status: 'pass', detail: `${ctx.realGo}: ${version}` }
    : { name: 'real go', status: 'fail', detail: `${ctx.realGo} version did not answer`, fix: `run ${ctx.realGo} version by hand to see why` };
};
