// go itself stuck on the network before any answer: resolving a name, connecting, or in the
// TLS handshake (docs/causes.md: dns-stall, connect-stall, tls-stall). One shape, three stages.

import { isIP } from 'node:net';
import type { Cause } from '../../causes';
import type { ProbeResult } from '../../snapshot/probe/probe';
import type { RemoteSocket } from '../facts';
import { type Facts, probeEvidence } from '../facts';
import type { Rule } from '../rule';

function targetName(f: Facts, s: RemoteSocket | undefined): string {
  if (s?.url) return `${s.role === 'sumdb' ? 'the checksum database' : 'GOPROXY'} ${s.url.replace(/\/+$/, '')}`;
  if (s) return s.remote;
  return f.proxies[0] ? `GOPROXY ${f.proxies[0]}` : 'the server';
}

export const dnsStall: Rule = {
  cause: 'dns-stall',
  diagnose(f) {
    const inResolver = f.inStack('net.(*Resolver)', 'net.lookupIP', 'goLookupIP', 'net._C2func_getaddrinfo', 'net.cgoLookup');
    const dnsProbe = f.probes.find((p) => p.role !== 'other' && p.dns_ms === null && p.error !== null && /dns|lookup/i.test(p.error));
    if (!inResolver && !(dnsProbe && f.goSockets.length === 0)) return null;
    // The dump has no host names: name the one go's settings send it to first that needs a
    // lookup (the probe, once in, confirms which lookup stalls).
    const named = dnsProbe ?? f.targets.find((t) => isIP(hostOf(t.target)) === 0) ?? null;
    const host = named ? hostOf(named.target) : null;
    const what = named && host ? `${host} (${probedAs(named)})` : 'a host name';
    return stall(
      f,
      'dns-stall',
      undefined,
      `go is still resolving ${what} after ${f.idle}`,
      [
        'GODEBUG=netdns=go (or =cgo) to switch resolvers; GODEBUG=netdns=2 prints what the resolver does',
        `check /etc/resolv.conf and that its nameservers answer: getent hosts ${host ?? 'HOST'}`,
      ],
      inResolver ? 'goroutine stack is in the resolver (net.(*Resolver) / lookupIP)' : null,
    );
  },
};

export const connectStall: Rule = {
  cause: 'connect-stall',
  diagnose(f) {
    const synSent = f.goSockets.find((s) => s.state === 'SYN_SENT');
    const inConnect = f.inStack('net.(*netFD).connect') && !f.goSockets.some((s) => s.state === 'ESTABLISHED');
    if (!synSent && !inConnect) return null;
    return stall(
      f,
      'connect-stall',
      synSent,
      `go cannot connect to ${targetName(f, synSent)}: the connection attempt gets no answer`,
      [
        'a firewall drops the traffic, or the host or port is wrong: check with curl -v',
        `if you must go through a proxy to reach the internet, set HTTPS_PROXY${f.setting('HTTPS_PROXY') ? ` (now ${f.setting('HTTPS_PROXY')})` : ''}`,
        'or point GOPROXY at a mirror you can reach',
      ],
      synSent ? `socket ${synSent.local} → ${synSent.remote} is in SYN_SENT` : 'goroutine stack is in net.(*netFD).connect',
    );
  },
};

export const tlsStall: Rule = {
  cause: 'tls-stall',
  diagnose(f) {
    const inHandshake = f.inStack('crypto/tls.(*Conn).Handshake', 'crypto/tls.(*Conn).clientHandshake');
    const probeStall = f.goSockets.find((s) => s.probe && s.probe.connect_ms !== null && s.probe.tls_ms === null && /tls/i.test(s.probe.error ?? ''));
    if (!inHandshake && !probeStall) return null;
    const socket = probeStall ?? f.goSockets.find((s) => s.state === 'ESTABLISHED');
    const newGo = f.goVersion !== null && Number(f.goVersion.split('.')[1]) >= 24;
    return stall(
      f,
      'tls-stall',
      socket,
      `the TLS handshake with ${targetName(f, socket)} never finishes`,
      [
        'a middlebox or an MTU problem drops large packets: compare with curl -v, try another network',
        ...(newGo ? ['GODEBUG=tlsmlkem=0 — Go 1.24+ sends a large post-quantum ClientHello some middleboxes drop'] : []),
      ],
      inHandshake ? 'goroutine stack is in crypto/tls.(*Conn).Handshake' : null,
    );
  },
};

const hostOf = (target: string) => target.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');

/** "GOPROXY https://proxy.example" / "the checksum database https://sum.example" for a target or probe. */
function probedAs(p: Pick<ProbeResult, 'url' | 'target' | 'role'>): string {
  const url = (p.url ?? p.target).replace(/\/(latest|sumdb\/[^/]+\/supported)$/, '').replace(/\/+$/, '');
  return `${p.role === 'sumdb' ? 'the checksum database' : p.role === 'proxy' ? 'GOPROXY' : p.role} ${url}`;
}

function stall(f: Facts, cause: Cause, socket: RemoteSocket | undefined, summary: string, suggestions: string[], stackEvidence: string | null) {
  const related = f.probes.filter((p) => (socket ? p.target === socket.remote : p.role !== 'other'));
  return {
    cause,
    summary,
    evidence: [`${f.command} has been idle for ${f.idle}`, ...(stackEvidence ? [stackEvidence] : []), ...related.map(probeEvidence)],
    suggestions,
  };
}
