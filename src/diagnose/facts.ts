// Facts a diagnosis rule reads, derived once from a snapshot, so that rules stay short.
import { formatDuration } from '../duration';
import type { Goroutine } from '../snapshot/goroutine-dump';
import { probeSteps } from '../snapshot/probe/describe';
import type { ProbeResult } from '../snapshot/probe/probe';
import { type ProbeRole, type ProbeTarget, probeTargets } from '../snapshot/probe/targets';
import type { ProcessInfo, SocketInfo } from '../snapshot/processes';
import type { Snapshot } from '../snapshot/snapshot';
import type { WaitEntry } from '../waitchain/types';

export interface RemoteSocket extends SocketInfo {
  owner: ProcessInfo;
  role: ProbeRole;
  /** the probe of this remote, and the URL a proxy / sumdb probe used for it, if any */
  probe: ProbeResult | null;
  url: string | null;
}

export interface Facts {
  snapshot: Omit<Snapshot, 'diagnosis'>;
  idle: string; // "62s"
  command: string; // "go mod download"
  go: ProcessInfo | null;
  /** sockets to remote hosts held by go (not listeners) */
  goSockets: RemoteSocket[];
  /** descendants other than go: git, ssh, credential helpers */
  helpers: ProcessInfo[];
  helperSockets: RemoteSocket[];
  /** where go's settings send it: each proxy and checksum database URL, with its host:port */
  targets: ProbeTarget[];
  probes: ProbeResult[];
  goroutines: Goroutine[];
  /** the wait chain, go first ([] in snapshots of older versions) */
  chain: WaitEntry[];
  /** what holds everything up: the chain's last entry */
  leaf: WaitEntry | null;
  /** a goroutine has a frame whose function contains one of these */
  inStack(...needles: string[]): boolean;
  /** `go -x` "# get URL" lines with no end line yet: requests still waiting */
  pendingGets: string[];
  lastStderrLine: string | null;
  setting(name: string): string; // from go env, else the environment, else ""
  proxies: string[]; // GOPROXY entries other than direct/off
  /** module paths go said it was fetching ("go: downloading M V", -x URLs) */
  modules: string[];
  /** "1.19" from GOVERSION go1.19.8 */
  goVersion: string | null;
}

// A socket's role and URL come from go's settings (a proxy's or checksum database's
// host:port), so the diagnosis needs no probe result; the probe, when in, adds its verdict.
function remoteSockets(owner: ProcessInfo, targets: ProbeTarget[], probes: ProbeResult[]): RemoteSocket[] {
  return owner.sockets
    .filter((s) => s.state !== 'LISTEN' && !/^(0\.0\.0\.0|\[::\]):0$/.test(s.remote))
    .map((s) => {
      const known = targets.find((t) => t.target === s.remote && t.url !== null);
      const probe = probes.find((p) => p.target === s.remote && (known ? p.url === known.url : true)) ?? null;
      return { ...s, owner, role: known?.role ?? probe?.role ?? 'other', probe, url: known?.url ?? null };
    });
}

/** Module paths: go's arguments (`go get example.com/m@v1`), then what go said it fetched. */
function modulesFrom(args: string[], lines: string[]): string[] {
  const found = new Set<string>();
  for (const arg of args) {
    const m = /^([a-z0-9-]+(\.[a-z0-9-]+)+(\/[^@\s]*)?)(@\S+)?$/i.exec(arg);
    if (m) found.add(m[1]);
  }
  for (const line of lines) {
    const dl = /^go: downloading (\S+) v\S+/.exec(line);
    if (dl) found.add(dl[1]);
    const get = /^# get \S+?\/([^@\s]+)\/@(v|latest)/.exec(line);
    if (get && !get[1].startsWith('sumdb/')) found.add(get[1].replace(/!([a-z])/g, (_, c: string) => c.toUpperCase()));
  }
  return [...found];
}

export function deriveFacts(snapshot: Omit<Snapshot, 'diagnosis'>): Facts {
  const go = snapshot.processes.find((p) => p.pid === snapshot.go_pid) ?? snapshot.processes[0] ?? null;
  const helpers = snapshot.processes.filter((p) => p !== go);
  const functions = snapshot.goroutines.parsed.flatMap((g) => g.frames.map((f) => f.function));
  const open = new Map<string, number>();
  for (const line of snapshot.stderr_tail) {
    const m = /^# get (\S+?)(:\s.*)?$/.exec(line);
    if (m) open.set(m[1], (open.get(m[1]) ?? 0) + (m[2] ? -1 : 1));
  }
  const setting = (name: string) => snapshot.go_env?.[name] ?? snapshot.env[name] ?? '';
  const targets = probeTargets({ goproxy: setting('GOPROXY'), gosumdb: setting('GOSUMDB'), sockets: [] });
  const version = /^go(\d+\.\d+)/.exec(setting('GOVERSION'));
  return {
    snapshot,
    idle: formatDuration(snapshot.idle_ms),
    command: ['go', ...snapshot.command].join(' '),
    go,
    goSockets: go ? remoteSockets(go, targets, snapshot.network) : [],
    helpers,
    helperSockets: helpers.flatMap((h) => remoteSockets(h, targets, snapshot.network)),
    targets: targets.filter((t) => t.url !== null),
    probes: snapshot.network,
    goroutines: snapshot.goroutines.parsed,
    chain: snapshot.wait_chain ?? [],
    leaf: snapshot.wait_chain?.at(-1) ?? null,
    inStack: (...needles) => functions.some((f) => needles.some((n) => f.includes(n))),
    pendingGets: [...open].filter(([, n]) => n > 0).map(([url]) => url),
    lastStderrLine: snapshot.stderr_tail.filter((l) => l.trim() !== '').at(-1) ?? null,
    setting,
    proxies: (setting('GOPROXY') || 'https://proxy.golang.org,direct').split(/[,|]/).filter((p) => p && p !== 'direct' && p !== 'off'),
    modules: modulesFrom(snapshot.command, snapshot.stderr_tail),
    goVersion: version ? version[1] : null,
  };
}

/** One evidence line describing what a probe found. */
export function probeEvidence(p: ProbeResult): string {
  return `probe of ${p.url ?? p.target} (${p.role}): ${probeSteps(p) || 'no step completed'}${p.error ? ` — ${p.error}` : ''}`;
}
