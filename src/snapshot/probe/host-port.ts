// "host:port" the way Go and /proc/net/tcp print it: IPv6 hosts in brackets ("[::1]:443").

export interface HostPort {
  host: string; // no brackets
  port: number;
}

export function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

export function splitHostPort(text: string): HostPort | null {
  const m = /^\[([^\]]+)\]:(\d{1,5})$/.exec(text) ?? /^([^:[\]]+):(\d{1,5})$/.exec(text);
  if (!m) return null;
  const port = Number(m[2]);
  return port <= 65535 ? { host: m[1].toLowerCase(), port } : null;
}

/** 0.0.0.0 or :: — a listener or not-yet-connected socket, nothing to probe. */
export function isUnspecified({ host, port }: HostPort): boolean {
  return port === 0 || host === '0.0.0.0' || /^[0:]+$/.test(host);
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443, 'socks5:': 1080, 'socks5h:': 1080 };

/** Host and port a URL connects to (the scheme's default port when none is written). */
export function urlHostPort(url: URL): HostPort | null {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port ? Number(url.port) : DEFAULT_PORTS[url.protocol];
  return host && port ? { host, port } : null;
}
