// Each proxy and the checksum database, probed live with timings.
import { probeSteps } from '../../snapshot/probe/describe';
import { probeAll } from '../../snapshot/probe/probe';
import { probeTargets } from '../../snapshot/probe/targets';
import type { Check, CheckResult } from '../check';

export const networkCheck: Check = async (ctx) => {
  const goproxy = ctx.goEnv?.GOPROXY ?? ctx.env.GOPROXY ?? '';
  const gosumdb = ctx.goEnv?.GOSUMDB ?? ctx.env.GOSUMDB ?? '';
  const targets = probeTargets({ goproxy, gosumdb, sockets: [], env: ctx.env });
  if (targets.length === 0)
    return { name: 'network', status: 'pass', detail: `nothing to probe (GOPROXY=${goproxy || 'default'}, GOSUMDB=${gosumdb || 'default'})` };
  const results = await probeAll(targets, ctx.probeTimeoutMs);
  return results.map((r): CheckResult => {
    const steps = probeSteps(r);
    const name = `${r.role} ${r.url ?? r.target}`;
    if (r.ok) return { name, status: 'pass', detail: steps + (r.error ? ` (${r.error})` : '') };
    return {
      name,
      status: 'fail',
      detail: `${steps || 'no step completed'}${r.error ? ` — ${r.error}` : ''}`,
      fix:
        r.role === 'sumdb'
          ? 'GONOSUMDB/GOPRIVATE for private modules, or a reachable GOSUMDB mirror'
          : `repair or replace this proxy; to bypass it: GOPROXY=${
              goproxy
                .split(/[,|]/)
                .filter((p) => !(r.url ?? '').startsWith(p))
                .join(',') || 'direct'
            }`,
    };
  });
};
