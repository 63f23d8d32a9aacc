// The hang figures of README "Performance", on real hangs: a watched `go mod download` against a loopback
// proxy that reads the request and never answers.
//   - the hang line after idle starts:  ≤ HANG_AFTER + 1 s
//   - the snapshot with probe complete: ≤ HANG_AFTER + 3 × probe timeout (the shim exits 124 then)
//   - watcher CPU while go idles:       ≤ 0.5 % of one core
// Idle starts when go's request reaches the proxy: after that go reads, writes and computes nothing.
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { listenOnLoopback } from '../../test/helpers/misbehaving-servers';
import { SHIM_GO } from '../../test/helpers/shim';
import type { Fixtures } from './fixtures';
import { summarize } from './stats';

const HANG_AFTER_MS = 2000;
const PROBE_TIMEOUT_MS = 1000;
const CLK_TCK_MS = 10; // USER_HZ

interface SilentProxy {
  url: string;
  /** Resolves with the time (ms, performance.now) the next request arrives. */
  nextRequest(): Promise<number>;
  close(): void;
}

async function startSilentProxy(): Promise<SilentProxy> {
  let waiting: ((t: number) => void) | null = null;
  const server = net.createServer((s) => s.once('data', () => waiting?.(performance.now())));
  const { port, close } = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${port}`,
    nextRequest: () => new Promise((r) => (waiting = r)),
    close: () => void close(),
  };
}

function startHang(fx: Fixtures, proxy: SilentProxy, hangAfter: string, module: string): ChildProcess {
  const env = {
    ...fx.env,
    GOPROXY: proxy.url,
    GOMODSHIM_HANG_AFTER: hangAfter,
    GOMODSHIM_PROBE_TIMEOUT: `${PROBE_TIMEOUT_MS}ms`,
    GOMODCACHE: path.join(fx.dir, `mc-${module}`),
  };
  return spawn(SHIM_GO, ['mod', 'download', `example.com/${module}@v1.0.0`], { cwd: fx.app, env, stdio: ['ignore', 'ignore', 'pipe'] });
}

function cpuTicks(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(f[11]) + Number(f[12]);
}

const ended = (child: ChildProcess) => new Promise<void>((r) => child.once('exit', () => r()));

/** One hang: ms from idle start to the hang line, and to the shim's exit. */
async function timeOneHang(fx: Fixtures, proxy: SilentProxy, i: number): Promise<{ line: number; exit: number; code: number | null }> {
  const request = proxy.nextRequest();
  const shim = startHang(fx, proxy, `${HANG_AFTER_MS}ms`, `hang${i}`);
  let line = NaN;
  let text = '';
  shim.stderr!.on('data', (b: Buffer) => {
    text += b.toString();
    if (Number.isNaN(line) && /^gomod-shim: .*saved as #/m.test(text)) line = performance.now();
  });
  const idleFrom = await request;
  const code = await new Promise<number | null>((r) => shim.once('exit', (c) => r(c)));
  return { line: line - idleFrom, exit: performance.now() - idleFrom, code };
}

/** The front's children: go, and (after a second) the watcher, told apart by its command line. */
function frontChildren(frontPid: number): { go: number; watcher: number | undefined } {
  // Children are listed under the thread that forked them, which need not be the main one.
  const kids = fs
    .readdirSync(`/proc/${frontPid}/task`)
    .flatMap((tid) => fs.readFileSync(`/proc/${frontPid}/task/${tid}/children`, 'latin1').split(' '))
    .filter(Boolean)
    .map(Number);
  const isWatcher = (pid: number) => fs.readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes('watcher.js');
  return { go: kids.find((p) => !isWatcher(p))!, watcher: kids.find(isWatcher) };
}

/** Front + watcher CPU over a window while go waits on the silent proxy (no hang limit in reach). */
async function idleCpu(fx: Fixtures, proxy: SilentProxy, windowMs: number): Promise<{ supervisorPct: number; goPct: number }> {
  const request = proxy.nextRequest();
  const shim = startHang(fx, proxy, '1h', 'idle');
  const done = ended(shim);
  try {
    await request;
    await new Promise((r) => setTimeout(r, 2500)); // past the watcher's start (1 s) and its move into SQLite
    const { go: goPid, watcher } = frontChildren(shim.pid!);
    if (watcher === undefined) throw new Error('bench: no watcher beside go after 2.5 s');
    const ours = () => cpuTicks(shim.pid!) + cpuTicks(watcher);
    const [s0, g0] = [ours(), cpuTicks(goPid)];
    await new Promise((r) => setTimeout(r, windowMs));
    const [s1, g1] = [ours(), cpuTicks(goPid)];
    const pct = (ticks: number) => (ticks * CLK_TCK_MS * 100) / windowMs;
    return { supervisorPct: pct(s1 - s0), goPct: pct(g1 - g0) };
  } finally {
    shim.kill('SIGTERM');
    await done;
  }
}

export async function hangFigures(fx: Fixtures, scale: number): Promise<{ text: string; passed: number; failed: string[] }> {
  const proxy = await startSilentProxy();
  try {
    const runs = Math.max(2, Math.round(5 * scale));
    const timings = [];
    for (let i = 0; i < runs; i++) timings.push(await timeOneHang(fx, proxy, i));
    const bad = timings.filter((t) => t.code !== 124 || Number.isNaN(t.line));
    if (bad.length > 0) throw new Error(`bench: a hang did not end as expected: ${JSON.stringify(bad)}`);
    const cpu = await idleCpu(fx, proxy, Math.round(20_000 * Math.max(scale, 0.5)));

    const line = summarize(timings.map((t) => t.line));
    const exit = summarize(timings.map((t) => t.exit));
    const rows: [string, string, number, string][] = [
      [
        'hang line after idle starts',
        `median ${(line.median / 1000).toFixed(2)} s, max ${(line.max / 1000).toFixed(2)} s`,
        line.max,
        `≤ ${(HANG_AFTER_MS + 1000) / 1000} s`,
      ],
      [
        'snapshot with probe stored (exit 124)',
        `median ${(exit.median / 1000).toFixed(2)} s, max ${(exit.max / 1000).toFixed(2)} s`,
        exit.max,
        `≤ ${(HANG_AFTER_MS + 3 * PROBE_TIMEOUT_MS) / 1000} s`,
      ],
      ['front + watcher CPU while go idles', `${cpu.supervisorPct.toFixed(2)} % of a core (go: ${cpu.goPct.toFixed(2)} %)`, cpu.supervisorPct, '≤ 0.50 %'],
    ];
    const limits = [HANG_AFTER_MS + 1000, HANG_AFTER_MS + 3 * PROBE_TIMEOUT_MS, 0.5];
    const failed = rows.filter((r, i) => r[2] > limits[i]).map((r) => r[0]);
    const width = Math.max(...rows.map((r) => r[0].length));
    const text = [
      `Hangs — ${runs} real hangs on a silent loopback proxy (HANG_AFTER=${HANG_AFTER_MS / 1000}s, PROBE_TIMEOUT=${PROBE_TIMEOUT_MS / 1000}s), then ${Math.round(20 * Math.max(scale, 0.5))} s idle`,
      ...rows.map((r, i) => `${r[0].padEnd(width)}  ${r[1].padEnd(44)}  ${r[3].padEnd(8)}  ${r[2] <= limits[i] ? 'PASS' : '** FAIL **'}`),
    ].join('\n');
    return { text, passed: rows.length - failed.length, failed };
  } finally {
    proxy.close();
  }
}
