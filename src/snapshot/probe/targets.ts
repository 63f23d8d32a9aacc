// What to probe when go hangs: the GOPROXY entries, the checksum database (directly and through
// each proxy), the HTTP proxy go would go through, and every remote the go tree holds a socket to.
// Pure: no I/O, so the list can be checked without a network.
import { posix } from 'node:path';
import { redactText } from '../../redact';
import { goproxyEntries, proxiesBeforeDirect } from './goproxy';
import { parseGosumdb } from './gosumdb';
import { isUnspecified, joinHostPort, splitHostPort, urlHostPort } from './host-port';
import { type Environment, httpProxyFor } from './http-proxy-env';

export type ProbeRole = 'proxy' | 'sumdb' | 'vcs' | 'other';

export interface ProbeTarget {
  target: string; // "host:port" (IPv6 as "[::1]:443")
  role: ProbeRole;
  url: string | null; // an http(s) URL to GET (secrets removed), or null: TCP (+TLS on 443) only
  tls: boolean;
  /** The HTTP proxy ("host:port") go would send this request through; the probe still goes direct. */
  via?: string | null;
}

export interface ProbeInputs {
  goproxy: string; // as `go env GOPROXY` resolves it; "" means https://proxy.golang.org,direct
  gosumdb: string; // as `go env GOSUMDB` resolves it; "" means sum.golang.org
  sockets: { remote: string; argv: string[] }[]; // each socket the go tree holds, with the holder's argv
  /** go's environment; only HTTP_PROXY, HTTPS_PROXY and NO_PROXY (either case) are read. */
  env?: Environment;
}

// Programs go runs for `direct` fetches (cmd/go/internal/vcs) and their transports.
const VCS_PROGRAMS = new Set(['git', 'git-remote-http', 'git-remote-https', 'ssh', 'hg', 'svn', 'bzr', 'fossil']);

export function probeTargets(inputs: ProbeInputs): ProbeTarget[] {
  const env = inputs.env ?? {};
  const urlTargets = [...proxyTargets(inputs.goproxy), ...sumdbTargets(inputs.goproxy, inputs.gosumdb)].map((t) => ({
    ...t,
    via: httpProxyFor(t.href, env),
  }));
  const targets: ProbeTarget[] = urlTargets.map((t) => ({
    target: t.target,
    role: t.role,
    url: redactText(t.href.href),
    tls: t.tls,
    via: t.via?.target ?? null,
  }));
  // The HTTP proxy itself: its socket is what go holds, and whether it answers is the question.
  for (const t of urlTargets) {
    if (t.via) targets.push({ target: t.via.target, role: 'other', url: null, tls: t.via.tls, via: null });
  }
  for (const socket of inputs.sockets) {
    const remote = splitHostPort(socket.remote);
    if (!remote || isUnspecified(remote)) continue;
    const target = joinHostPort(remote.host, remote.port);
    // A proxy or checksum database probed by URL is already connected to on the way.
    if (urlTargets.some((t) => t.target === target)) continue;
    targets.push({ target, role: isVcsProgram(socket.argv) ? 'vcs' : 'other', url: null, tls: remote.port === 443, via: null });
  }
  return dedupe(targets);
}

interface UrlTarget {
  target: string;
  role: ProbeRole;
  href: URL;
  tls: boolean;
}

function urlTarget(role: ProbeRole, href: URL): UrlTarget[] {
  const at = urlHostPort(href);
  return at ? [{ target: joinHostPort(at.host, at.port), role, href, tls: href.protocol === 'https:' }] : [];
}

// Any HTTP answer at the proxy root, even 404, proves the server answers.
function proxyTargets(goproxy: string): UrlTarget[] {
  return goproxyEntries(goproxy).flatMap((e) => (e.kind === 'proxy' ? urlTarget('proxy', join(e.url, '/')) : []));
}

// go first asks each proxy before "direct" whether it serves the database (/sumdb/NAME/supported),
// unless GOSUMDB names an explicit URL; it falls back to the database itself.
function sumdbTargets(goproxy: string, gosumdb: string): UrlTarget[] {
  const sumdb = parseGosumdb(gosumdb);
  if (!sumdb) return [];
  const viaProxies = sumdb.explicitUrl ? [] : proxiesBeforeDirect(goproxyEntries(goproxy));
  return [...viaProxies.flatMap((p) => urlTarget('sumdb', join(p, `/sumdb/${sumdb.name}/supported`))), ...urlTarget('sumdb', join(sumdb.url, '/latest'))];
}

/** base + path, like cmd/go's web.Join; the query and fragment are dropped (they may hold tokens). */
function join(base: URL, path: string): URL {
  const url = new URL(base.href);
  url.pathname = url.pathname.replace(/\/+$/, '') + path;
  url.search = '';
  url.hash = '';
  return url;
}

function isVcsProgram(argv: string[]): boolean {
  return argv.length > 0 && VCS_PROGRAMS.has(posix.basename(argv[0]));
}

function dedupe(targets: ProbeTarget[]): ProbeTarget[] {
  const seen = new Set<string>();
  return targets.filter((t) => {
    const key = `${t.target} ${t.url ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
