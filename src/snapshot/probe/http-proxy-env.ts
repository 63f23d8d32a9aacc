// Which HTTP proxy go's default transport would use for a request: Go's rules for HTTP_PROXY,
// HTTPS_PROXY and NO_PROXY (golang.org/x/net/http/httpproxy), so the snapshot can say that go
// talks to a proxy rather than to the GOPROXY host itself.
import { BlockList, isIP } from 'node:net';
import { type HostPort, joinHostPort, urlHostPort } from './host-port';

export type Environment = Readonly<Record<string, string | undefined>>;

export interface HttpProxy {
  target: string; // "host:port", never with credentials
  tls: boolean; // an https:// proxy: go speaks TLS to the proxy itself
}

/** The HTTP proxy go would send a request for `url` through, or null (a direct connection). */
export function httpProxyFor(url: URL, env: Environment): HttpProxy | null {
  const variable = url.protocol === 'https:' ? ['HTTPS_PROXY', 'https_proxy'] : url.protocol === 'http:' ? ['HTTP_PROXY', 'http_proxy'] : [];
  const proxy = parseProxy(firstSet(env, variable));
  const destination = urlHostPort(url);
  if (!proxy || !destination || !useProxy(destination, firstSet(env, ['NO_PROXY', 'no_proxy']))) return null;
  const at = urlHostPort(proxy);
  return at ? { target: joinHostPort(at.host, at.port), tls: proxy.protocol === 'https:' } : null;
}

function firstSet(env: Environment, names: string[]): string {
  for (const name of names) if (env[name]) return env[name]!;
  return '';
}

// Like Go: a value without a scheme ("proxy.corp:3128") means http://.
function parseProxy(value: string): URL | null {
  if (value === '') return null;
  for (const text of [value, `http://${value}`]) {
    try {
      const url = new URL(text);
      if (url.hostname !== '' && /^(https?|socks5h?):$/.test(url.protocol)) return url;
    } catch {
      // try the next form
    }
  }
  return null;
}

function useProxy({ host, port }: HostPort, noProxy: string): boolean {
  const name = host.toLowerCase();
  if (name === 'localhost') return false;
  const family = isIP(name);
  if (family !== 0 && isLoopback(name, family)) return false;
  for (const raw of noProxy.split(',')) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return false;
    if (matchesNoProxy(entry, name, family, port)) return false;
  }
  return true;
}

function isLoopback(ip: string, family: number): boolean {
  const loopback = new BlockList();
  loopback.addSubnet('127.0.0.0', 8, 'ipv4');
  loopback.addAddress('::1', 'ipv6');
  return loopback.check(ip, family === 6 ? 'ipv6' : 'ipv4');
}

function matchesNoProxy(entry: string, host: string, family: number, port: number): boolean {
  const cidr = /^(.+)\/(\d{1,3})$/.exec(entry);
  if (cidr && isIP(cidr[1]) !== 0) {
    if (family === 0 || isIP(cidr[1]) !== family) return false;
    const subnet = new BlockList();
    subnet.addSubnet(cidr[1], Number(cidr[2]), family === 6 ? 'ipv6' : 'ipv4');
    return subnet.check(host, family === 6 ? 'ipv6' : 'ipv4');
  }
  const withPort = /^\[([^\]]+)\]:(\d+)$/.exec(entry) ?? /^([^:]+):(\d+)$/.exec(entry);
  const entryHost = withPort ? withPort[1] : entry.replace(/^\[(.*)\]$/, '$1');
  const portMatches = !withPort || Number(withPort[2]) === port;
  const entryFamily = isIP(entryHost);
  if (entryFamily !== 0) {
    if (entryFamily !== family) return false;
    const one = new BlockList();
    one.addAddress(entryHost, family === 6 ? 'ipv6' : 'ipv4');
    return portMatches && one.check(host, family === 6 ? 'ipv6' : 'ipv4');
  }
  // "foo.com" matches foo.com and its subdomains; ".foo.com" and "*.foo.com" only subdomains.
  const suffix = entryHost.replace(/^\*\./, '.');
  const matches = suffix.startsWith('.') ? host.endsWith(suffix) : host === suffix || host.endsWith(`.${suffix}`);
  return portMatches && matches;
}
