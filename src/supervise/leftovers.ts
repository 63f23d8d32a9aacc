// "When a run ends, no process that go started is left running" (CONTRACT.md).
// Children of a dead go are re-parented, so we remember go's descendants while it
// runs (pid + start time, against pid reuse) and end the survivors afterwards.
import { descendantsOf, HAS_PROCFS, readProcessTable, readStat, type ProcessTable } from '../monitor/process-table';

const SAMPLE_EVERY_MS = 500;
const TERM_GRACE_MS = 300;

export class DescendantTracker {
  private known = new Map<number, number>(); // pid → start time
  private timer: NodeJS.Timeout | null = null;
  private goStartTime: number | null = null;
  private goPgrp: number | null = null;

  constructor(private readonly goPid: number) {}

  start(): void {
    if (!HAS_PROCFS) return;
    const go = readStat(this.goPid);
    this.goStartTime = go?.startTime ?? null;
    this.goPgrp = go?.pgrp ?? null;
    this.timer = setInterval(() => this.remember(readProcessTable()), SAMPLE_EVERY_MS);
    this.timer.unref();
  }

  remember(table: ProcessTable): void {
    for (const p of descendantsOf(table, this.goPid)) this.known.set(p.pid, p.startTime);
  }

  /** Before go gets a signal that ends it: its children are orphaned a moment later. */
  rememberNow(): void {
    if (this.timer) this.remember(readProcessTable());
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * Survivors: remembered descendants, their descendants, and orphans born since go
   * started in go's process group (children made and left between two samples).
   */
  survivors(): number[] {
    if (!HAS_PROCFS || this.goStartTime === null) return [];
    const table = readProcessTable();
    const adopters = orphanAdopters(table);
    const roots = new Set<number>();
    for (const p of table.values()) {
      const remembered = this.known.get(p.pid) === p.startTime;
      const orphanOfGo = adopters.has(p.ppid) && p.pgrp === this.goPgrp && p.startTime >= this.goStartTime;
      if (remembered || orphanOfGo) roots.add(p.pid);
    }
    const all = new Set(roots);
    for (const root of roots) for (const d of descendantsOf(table, root)) all.add(d.pid);
    all.delete(process.pid);
    return [...all];
  }

  /** SIGTERM, a short grace, then SIGKILL for whatever is still there. */
  async endSurvivors(): Promise<number[]> {
    this.stop();
    const pids = this.survivors();
    if (pids.length === 0) return [];
    const startTimes = new Map(pids.map((pid) => [pid, readStat(pid)?.startTime]));
    const stillOurs = (pid: number) => {
      const st = readStat(pid);
      return st !== null && st.state !== 'Z' && st.startTime === startTimes.get(pid);
    };
    for (const pid of pids) signal(pid, 'SIGTERM');
    const deadline = Date.now() + TERM_GRACE_MS;
    while (pids.some(stillOurs) && Date.now() < deadline) await sleep(20);
    for (const pid of pids) if (stillOurs(pid)) signal(pid, 'SIGKILL');
    return pids;
  }
}

/**
 * Where an orphan of go's tree is re-parented: to init or to a subreaper (systemd --user…),
 * which is then one of our ancestors. Not one in our own process group: that is a shell
 * running our job without job control (a script, `sh -c`, a shell that is pid 1 in a
 * container), whose other children share the group and are not go's.
 */
function orphanAdopters(table: ProcessTable): Set<number> {
  const self = table.get(process.pid);
  const adopters = new Set<number>();
  if (!self) return adopters;
  const seen = new Set<number>(); // a table read process by process may hold a reused pid
  for (let pid = self.ppid; pid > 0 && !seen.has(pid); pid = table.get(pid)?.ppid ?? 0) {
    seen.add(pid);
    const ancestor = table.get(pid);
    if (ancestor && ancestor.pgrp !== self.pgrp) adopters.add(pid);
  }
  const init = table.get(1);
  if (init && init.pgrp !== self.pgrp) adopters.add(1);
  return adopters;
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
