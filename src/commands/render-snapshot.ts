// A snapshot for people: the verdict first, then the facts behind it, goroutines that matter
// before runtime internals. `show --raw` prints the dump itself.

import { formatDuration } from '../duration';
import { ownFrames, rankGoroutines } from '../snapshot/goroutine-rank';
import { snapshotIsHang } from '../snapshot/is-hang';
import { probeMs } from '../snapshot/probe/describe';
import type { ProcessInfo } from '../snapshot/processes';
import type { Snapshot } from '../snapshot/snapshot';
import type { Style } from '../ui/style';
import { formatTable } from '../ui/table';
import { chainLines, triggerText } from '../waitchain/describe';

const MAX_GOROUTINES = 6;
const MAX_FRAMES = 8;

function section(style: Style, title: string, body: string): string {
  return body ? `\n${style.bold(title)}\n${body.replace(/^/gm, '  ')}\n` : '';
}

function processTree(processes: ProcessInfo[]): string {
  const depth = new Map<number, number>();
  const rows = processes.map((p) => {
    const d = (depth.get(p.ppid) ?? -1) + 1;
    depth.set(p.pid, d);
    const indent = d > 0 ? `${'  '.repeat(d - 1)}└ ` : '';
    return [String(p.pid), p.state, p.wchan ?? '-', formatDuration(p.cpu_ms), `${indent}${p.argv.join(' ')}`];
  });
  return formatTable(['PID', 'STATE', 'WCHAN', 'CPU', 'COMMAND'], rows);
}

function sockets(processes: ProcessInfo[]): string {
  return processes
    .flatMap((p) => p.sockets.map((s) => `pid ${p.pid}  ${s.local} → ${s.remote}  ${s.state}  (unacked ${s.tx_queue} B, unread ${s.rx_queue} B)`))
    .join('\n');
}

function locks(processes: ProcessInfo[]): string {
  return processes
    .flatMap((p) =>
      p.locks.map((l) => {
        const others = l.other_pids.map((pid, i) => `pid ${pid} (${(l.other_argv[i] ?? []).join(' ') || '?'})`).join(', ');
        const what = `${l.access} ${l.kind} lock on ${l.file ?? 'a file'}`;
        return l.role === 'waits'
          ? `pid ${p.pid} waits for a ${what}, held by ${others || 'unknown'}`
          : `pid ${p.pid} holds a ${what}${others ? `; waiting: ${others}` : ''}`;
      }),
    )
    .join('\n');
}

function probe(s: Snapshot): string {
  if (s.network.length === 0) return '';
  const rows = s.network.map((p) => [
    p.target,
    p.role,
    probeMs(p.dns_ms),
    probeMs(p.connect_ms),
    probeMs(p.tls_ms),
    p.http_status === null ? '-' : String(p.http_status),
    p.ok ? 'ok' : (p.error ?? 'failed'),
  ]);
  return formatTable(['TARGET', 'ROLE', 'DNS', 'CONNECT', 'TLS', 'HTTP', 'RESULT'], rows);
}

function goroutines(s: Snapshot, style: Style, runId: number): string {
  const parsed = s.goroutines.parsed;
  if (parsed.length === 0) return s.mode === 'observe' ? 'none captured (observe mode sends no signal)' : 'none captured';
  const shown = rankGoroutines(parsed)
    .slice(0, MAX_GOROUTINES)
    .map((g) => {
      const own = ownFrames(g);
      const folded = g.frames.length - own.length;
      const lines = own.slice(0, MAX_FRAMES).map((f) => `  ${f.function}  ${style.dim(`${f.file}:${f.line}`)}`);
      if (own.length > MAX_FRAMES) lines.push(style.dim(`  … ${own.length - MAX_FRAMES} more frames`));
      const wait = g.wait_minutes > 0 ? `, ${g.wait_minutes} min` : '';
      return `goroutine ${g.id} [${g.state}${wait}]${folded > 0 ? style.dim(` (${folded} runtime frames folded)`) : ''}\n${lines.join('\n')}`;
    });
  const hidden = (s.retention?.goroutines_total ?? parsed.length) - shown.length;
  const where = s.retention
    ? `the full dump was dropped on ${s.retention.dump_dropped_at.slice(0, 10)} (retention cap)`
    : `gomod-shim show ${runId} --raw for all`;
  return `${shown.join('\n')}${hidden > 0 ? `\n${style.dim(`+ ${hidden} more goroutines (runtime internals); ${where}`)}` : ''}`;
}

export function renderSnapshot(s: Snapshot, style: Style, runId: number): string {
  const d = s.diagnosis;
  const head =
    (snapshotIsHang(s)
      ? `\n${style.bold(style.red(`Hung: ${d.cause}`))} — ${d.summary}\n`
      : `\n${style.bold(`Snapshot: ${d.cause}`)} — ${d.summary}\n${triggerText(s)}\n`) +
    style.dim(`idle ${formatDuration(s.idle_ms)} (limit ${formatDuration(s.hang_after_ms)}), ${triggerText(s)} at ${s.taken_at}, mode ${s.mode}\n`) +
    (s.complete === false ? style.yellow('go env and the network probe were still running when this was stored (the shim ended first)\n') : '');
  const tail = s.stderr_tail.slice(-10).join('\n');
  const env = Object.entries(s.env)
    .filter(([k]) => /^(GOPROXY|GOSUMDB|GOPRIVATE|GONOPROXY|GONOSUMDB|GOINSECURE|GOFLAGS|GOTOOLCHAIN|GIT_SSH_COMMAND|GIT_TERMINAL_PROMPT)$|_PROXY$/i.test(k))
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
  return (
    head +
    section(style, 'Evidence', d.evidence.map((e) => `• ${e}`).join('\n')) +
    section(style, 'What to do', d.suggestions.map((e) => `• ${e}`).join('\n')) +
    section(style, 'Wait chain', chainLines(s).join('\n')) +
    section(style, 'Processes', s.processes.length ? processTree(s.processes) : '') +
    section(style, 'Sockets', sockets(s.processes)) +
    section(style, 'File locks', locks(s.processes)) +
    section(style, 'Network probe', probe(s)) +
    section(style, 'Goroutines', goroutines(s, style, runId)) +
    section(style, 'Last lines go printed', tail) +
    section(style, 'Settings', env)
  );
}
