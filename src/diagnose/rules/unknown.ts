// The fallback: no rule matched, so say plainly what was seen.
import { snapshotIsHang } from '../../snapshot/is-hang';
import { USER_SNAPSHOT } from '../../waitchain/describe';
import { formatChain } from '../../waitchain/format';
import type { Rule } from '../rule';

export const unknown: Rule = {
  cause: 'unknown',
  diagnose(f) {
    const waiting = f.goSockets;
    const on = waiting.length > 0 ? ` — go holds ${waiting.map((s) => `${s.remote} (${s.state})`).join(', ')}` : '';
    const helpers = f.helpers.length > 0 ? `; children: ${f.helpers.map((p) => p.argv[0] ?? `pid ${p.pid}`).join(', ')}` : '';
    // The chain says which process waits on what, even for a cause no rule knows.
    const chain = f.chain.length > 0 ? ` — ${formatChain(f.chain)}` : `${on}${helpers}`;
    // Ctrl-\ on a run that was working: say what it was doing, not that it was idle.
    const asked = !snapshotIsHang(f.snapshot);
    return {
      cause: 'unknown',
      summary: asked ? `${USER_SNAPSHOT}${chain}` : `no activity for ${f.idle}${chain}`,
      evidence: [
        ...(f.leaf ? [`the chain ends at pid ${f.leaf.pid} (${f.leaf.argv.join(' ')}): ${f.leaf.waits_on.detail}`] : []),
        asked ? `${f.command} had been quiet for ${f.idle} only (the limit is not reached)` : `${f.command} wrote nothing and used no CPU or I/O for ${f.idle}`,
        ...f.probes.map((p) => `probe ${p.target} (${p.role}): ${p.ok ? 'answered' : (p.error ?? 'failed')}`),
      ],
      suggestions: ['gomod-shim show ID --raw for every goroutine stack', `${f.command} -x to see each request as it starts`],
    };
  },
};
