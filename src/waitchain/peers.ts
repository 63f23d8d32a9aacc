// Who a socket's peer is, from go's settings and environment: GOPROXY, GOSUMDB, or the
// HTTP(S)_PROXY / ALL_PROXY a request is routed through (Go's http.ProxyFromEnvironment, git's
// libcurl). Pure: the peer of a socket is matched by "host:port".
import { redactText } from '../redact';
import { goproxyEntries } from '../snapshot/probe/goproxy';
import { joinHostPort, urlHostPort } from '../snapshot/probe/host-port';
import { type Environment, httpProxyFor } from '../snapshot/probe/http-proxy-env';
import { probeTargets } from '../snapshot/probe/targets';
import type { PeerRole } from './types';

export interface Peer {
  role: PeerRole;
  /** "HTTP_PROXY=http://127.0.0.1:3128", "GOPROXY=https://proxy.example" (redacted) */
  setting: string;
  /** for an env proxy: the GOPROXY / GOSUMDB URL go sends through it, when one is */
  routes?: string;
}

export type PeerMap = Map<string, Peer>;

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy'];
const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443, 'socks5:': 1080, 'socks5h:': 1080 };

function proxyAddresses(value: string): string[] {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
  } catch {
    return [];
  }
  const port = url.port ? Number(url.port) : DEFAULT_PORTS[url.protocol];
  if (!port || !url.hostname) return [];
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const hosts = host === 'localhost' ? ['localhost', '127.0.0.1', '::1'] : [host];
  return hosts.map((h) => joinHostPort(h, port));
}

function variableFor(url: URL, env: Environment): string | null {
  const names = url.protocol === 'https:' ? ['HTTPS_PROXY', 'https_proxy'] : ['HTTP_PROXY', 'http_proxy'];
  return names.find((n) => env[n]) ?? null;
}

export function peerMap(goproxy: string, gosumdb: string, env: Environment): PeerMap {
  const peers: PeerMap = new Map();
  // The proxy go's own requests go through, named by the variable that routes them.
  for (const entry of goproxyEntries(goproxy)) {
    if (entry.kind !== 'proxy') continue;
    const via = httpProxyFor(entry.url, env);
    const name = variableFor(entry.url, env);
    if (via && name && !peers.has(via.target)) {
      peers.set(via.target, { role: 'env-proxy', setting: `${name}=${redactText(env[name] ?? '')}`, routes: redactText(entry.url.href) });
    }
  }
  for (const name of PROXY_VARIABLES) {
    const value = env[name];
    if (!value) continue;
    for (const at of proxyAddresses(value)) if (!peers.has(at)) peers.set(at, { role: 'env-proxy', setting: `${name}=${redactText(value)}` });
  }
  for (const t of probeTargets({ goproxy, gosumdb, sockets: [] })) {
    if (t.url === null || peers.has(t.target)) continue;
    const setting = t.role === 'sumdb' ? `GOSUMDB=${gosumdb || 'sum.golang.org'}` : `GOPROXY=${redactText(goproxy)}`;
    peers.set(t.target, { role: t.role, setting });
  }
  return peers;
}

/** The "host:port" of a URL, as a socket's peer would read. */
export function urlTarget(url: string): string | null {
  try {
    const at = urlHostPort(new URL(url));
    return at ? joinHostPort(at.host, at.port) : null;
  } catch {
    return null;
  }
}
