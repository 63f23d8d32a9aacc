// go connected to a proxy or the checksum database, the request sent, no answer ever comes
// (docs/causes.md: proxy-unresponsive, sumdb-unresponsive). go sets no overall HTTP timeout.
import { type Facts, probeEvidence, type RemoteSocket } from '../facts';
import type { Rule } from '../rule';

function established(f: Facts, role: 'proxy' | 'sumdb'): RemoteSocket | undefined {
  return f.goSockets.find((s) => s.state === 'ESTABLISHED' && s.role === role);
}

function healthyNow(s: RemoteSocket | undefined): boolean {
  return s?.probe?.ok === true && s.probe.http_status !== null;
}

export const sumdbUnresponsive: Rule = {
  cause: 'sumdb-unresponsive',
  diagnose(f) {
    const inSumdb = f.inStack('sumdb.(*Client)', 'modfetch.(*dbClient)', 'modfetch.lookupSumDB');
    const pendingSumdb = f.pendingGets.find((u) => u.includes('/sumdb/') || u.includes('/lookup/'));
    const socket = established(f, 'sumdb');
    if (!socket && !inSumdb && !pendingSumdb) return null;
    const sumdb = f.setting('GOSUMDB') || 'sum.golang.org';
    const module = f.modules[0];
    return {
      cause: 'sumdb-unresponsive',
      summary: `the checksum database ${socket?.url?.replace(/\/(latest|supported)$/, '') ?? sumdb} has not answered for ${f.idle}${healthyNow(socket) ? ' (it answers the probe now: intermittent)' : ''}`,
      evidence: [
        ...(socket ? [`go holds ${socket.local} → ${socket.remote} ESTABLISHED, unacked ${socket.tx_queue} B, unread ${socket.rx_queue} B`] : []),
        ...(inSumdb ? ['goroutine stack is in the checksum database client (sumdb / dbClient)'] : []),
        ...(pendingSumdb ? [`request still waiting (go -x): ${pendingSumdb}`] : []),
        ...f.probes.filter((p) => p.role === 'sumdb').map(probeEvidence),
      ],
      suggestions: [
        `for private modules, skip the checksum database: GOPRIVATE=${module ?? 'your.private/module/prefix'} (or GONOSUMDB)`,
        'a checksum database mirror you can reach: GOSUMDB="sum.golang.org https://YOUR-MIRROR"',
        'GOSUMDB=off only as a last resort: it turns off tamper checking',
      ],
    };
  },
};

export const proxyUnresponsive: Rule = {
  cause: 'proxy-unresponsive',
  diagnose(f) {
    const socket = established(f, 'proxy');
    const inProxy = f.inStack('modfetch.(*proxyRepo)') && f.inStack('net/http.(*persistConn).roundTrip', 'net/http.(*Transport).roundTrip');
    if (!socket && !inProxy) return null;
    const proxy = socket?.url?.replace(/\/+$/, '') ?? f.proxies[0] ?? 'the GOPROXY';
    const goproxy = f.setting('GOPROXY');
    const module = f.modules[0];
    const rest = goproxy.split(/[,|]/).filter((p) => !proxy.startsWith(p.replace(/\/+$/, '')) || p === 'direct');
    return {
      cause: 'proxy-unresponsive',
      summary: `GOPROXY ${proxy} accepted the connection but has not answered for ${f.idle}${healthyNow(socket) ? ' (it answers the probe now: intermittent)' : ''}`,
      evidence: [
        ...(socket
          ? [
              `go holds ${socket.local} → ${socket.remote} ESTABLISHED: request sent (unacked ${socket.tx_queue} B), nothing received (unread ${socket.rx_queue} B)`,
            ]
          : []),
        ...(inProxy ? ['goroutine stack: modfetch.(*proxyRepo) → net/http roundTrip, waiting for the response'] : []),
        ...f.pendingGets.map((u) => `request still waiting (go -x): ${u}`),
        ...f.probes.filter((p) => p.role === 'proxy').map(probeEvidence),
      ],
      suggestions: [
        `bypass the proxy: GOPROXY=${rest.length ? rest.join(',') : 'direct'}${module ? `, or only for this module: GONOPROXY=${module}` : ''}`,
        `go never times out a proxy request, so a fallback after "|" (GOPROXY="${proxy}|https://proxy.golang.org,direct") only helps when the proxy fails fast; repair or restart ${proxy}`,
        `check it by hand: curl -v ${proxy}/`,
      ],
    };
  },
};
