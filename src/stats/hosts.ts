// Which remote hosts the hangs were waiting on, from the endpoints in their snapshots. Pure.
import type { EndpointRow } from '../store/stats';

export interface HostCount {
  /** host:port as go's settings name it (the probe target), else the socket's remote address */
  host: string;
  role: string;
  hangs: number;
  /** hangs where go or a child had a connection to it open */
  connected: number;
  /** hangs where the live probe of it failed */
  probe_failed: number;
}

/** "10.0.0.5:443" from an address and a target "proxy.corp:443" ("[::1]:443" for IPv6). */
function addressEndpoint(address: string, target: string): string {
  const port = target.slice(target.lastIndexOf(':') + 1);
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

/**
 * Per host, the number of hung runs involved with it: a socket open to it (named by the probe
 * of the same address when there was one, so a proxy counts once whether seen by name or by IP)
 * or a probe of it that failed. A run counts once per host.
 */
export function countHosts(rows: readonly EndpointRow[]): HostCount[] {
  const byRun = new Map<number, EndpointRow[]>();
  for (const row of rows) byRun.set(row.run_id, [...(byRun.get(row.run_id) ?? []), row]);

  const hosts = new Map<string, HostCount>();
  const count = (host: string, role: string, field: 'connected' | 'probe_failed', seen: Set<string>) => {
    const entry = hosts.get(host) ?? { host, role, hangs: 0, connected: 0, probe_failed: 0 };
    if (entry.role === 'other' && role !== 'other') entry.role = role;
    if (!seen.has(host)) entry.hangs++;
    if (!seen.has(`${field} ${host}`)) entry[field]++;
    seen.add(host).add(`${field} ${host}`);
    hosts.set(host, entry);
  };

  for (const runRows of byRun.values()) {
    const probes = runRows.filter((r) => r.kind === 'probe');
    const seen = new Set<string>();
    for (const socket of runRows.filter((r) => r.kind === 'socket' && !/^(0\.0\.0\.0|\[::\]):0$/.test(r.endpoint))) {
      const probe =
        probes.find((p) => p.endpoint === socket.endpoint) ??
        probes.find((p) => p.address !== null && addressEndpoint(p.address, p.endpoint) === socket.endpoint);
      count(probe?.endpoint ?? socket.endpoint, probe?.role ?? 'other', 'connected', seen);
    }
    for (const probe of probes.filter((p) => p.ok === 0)) count(probe.endpoint, probe.role ?? 'other', 'probe_failed', seen);
  }
  return [...hosts.values()].sort((a, b) => b.hangs - a.hangs || a.host.localeCompare(b.host));
}
