// go's (or git's) request goes through the HTTP(S)_PROXY of the environment, which accepted
// the connection and never answers; GOPROXY itself may be fine (docs/causes.md "More causes").
import { probeEvidence } from '../facts';
import type { Rule } from '../rule';
import { chainLine, processLine } from './chain-evidence';

function hostOf(url: string | undefined): string | null {
  try {
    return url ? new URL(url).hostname : null;
  } catch {
    return null;
  }
}

export const httpProxyUnresponsive: Rule = {
  cause: 'http-proxy-unresponsive',
  diagnose(f) {
    const leaf = f.leaf;
    const w = leaf?.waits_on;
    if (!leaf || !w || w.kind !== 'socket' || w.peer_role !== 'env-proxy' || !w.peer) return null;
    const setting = w.peer_setting ?? 'the environment';
    const variable = setting.split('=')[0];
    const target = hostOf(w.peer_routes);
    const proxyUrl = setting.includes('=') ? setting.slice(variable.length + 1) : `http://${w.peer}`;
    const stage = /SYN_SENT/.test(w.detail) ? 'does not accept the connection' : 'accepted the connection but has not answered';
    return {
      cause: 'http-proxy-unresponsive',
      summary: `the HTTP proxy ${w.peer} (${setting}) ${stage} for ${f.idle}${w.peer_routes ? `; go sends its requests for ${w.peer_routes} through it` : ''}`,
      evidence: [
        chainLine(f),
        `${processLine(f, leaf)} holds a socket to the proxy: ${w.detail}`,
        `${setting} routes the request through the proxy (Go's http.ProxyFromEnvironment; git reads the same variables)`,
        ...f.probes.filter((p) => p.target === w.peer || p.via === w.peer).map(probeEvidence),
      ],
      suggestions: [
        `skip the proxy for ${target ?? 'that host'}: NO_PROXY=${target ?? 'HOST'} (go then connects directly)`,
        `repair or restart the proxy at ${w.peer}; check it by hand: curl -v -x ${proxyUrl} ${w.peer_routes ?? 'URL'}`,
        `or, if you need no proxy here, unset ${variable}`,
      ],
    };
  },
};
