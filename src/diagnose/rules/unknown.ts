// The fallback: no rule matched, so say plainly what was seen.
import type { Rule } from '../rule';

export const unknown: Rule = {
  cause: 'unknown',
  diagnose(f) {
    const waiting = f.goSockets;
    const on = waiting.length > 0 ? ` — go holds ${waiting.map((s) => `${s.remote} (${s.state})`).join(', ')}` : '';
    const helpers = f.helpers.length > 0 ? `; children: ${f.helpers.map((p) => p.argv[0] ?? `pid ${p.pid}`).join(', ')}` : '';
    return {
      cause: 'unknown',
      summary: `no activity for ${f.idle}${on}${helpers}`,
      evidence: [
        `${f.command} wrote nothing and used no CPU or I/O for ${f.idle}`,
        ...f.probes.map((p) => `probe ${p.target} (${p.role}): ${p.ok ? 'answered' : p.error ?? 'failed'}`),
      ],
      suggestions: ['gomod-shim show ID --raw for every goroutine stack', `${f.command} -x to see each request as it starts`],
    };
  },
};
