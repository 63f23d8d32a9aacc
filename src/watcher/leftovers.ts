// After a hang the watcher ended, no process that go started is left running (docs/contract.md);
// after a run that ended on its own, go's processes are left as go alone would leave them.
// Children of a dead go are re-parented, so we remember go's descendants while it runs (pid +
// start time, against pid reuse) — the sampler calls remember() with each tree it reads — and
// end the survivors when the watcher ends a run.
import { descendantsOf, HAS_PROCFS, type ProcessTable, readChildren, readStat, readTree } from '../monitor/process-table';

const TERM_GRACE_MS = 300;

export class DescendantTracker {
  private known = new Map<number, number>(); // pid → start time
  private goStartTime: number | null = null;
  private goPgrp: number | null = null;

  constructor(
    private readonly goPid: number,
    /** The front: go's parent, and the leader of go's process group under a job-control shell. */
    private readonly frontPid: number,
  ) {}

  start(): void {
    if (!HAS_PROCFS) return;
    const go = readStat(this.goPid);
    this.goStartTime = go?.startTime ?? null;
    this.goPgrp = go?.pgrp ?? null;
  }

  remember(table: ProcessTable): void {
    for (const p of descendantsOf(table, this.goPid)) this.known.set(p.pid, p.startTime);
  }

  /** Before go gets a signal that may end it: its children are orphaned a moment later. */
  rememberNow(): void {
    if (HAS_PROCFS) this.remember(readTree(this.goPid));
  }

  /**
   * Survivors: remembered descendants and everything below them, and orphans born since
   * go started in go's process group (children made and left between two samples).
   * Orphans are looked for only when go could have left any: it had children, it did not
   * end by itself, or something still holds its stderr — so a quick clean run costs no search.
   */
  survivors(mayHaveLeftAny: boolean): number[] {
    if (!HAS_PROCFS || this.goStartTime === null) return [];
    const roots = new Set<number>();
    for (const [pid, startTime] of this.known) if (readStat(pid)?.startTime === startTime) roots.add(pid);
    // Orphans are recognised by process group, which is only ours to judge when we lead it:
    // a job-control shell gives each pipeline its own group. In a script's shared group, an
    // orphan started after go may be the script's own (`( sleep 60 & )`), so it is left alone.
    if ((this.known.size > 0 || mayHaveLeftAny) && this.goPgrp === this.frontPid) {
      for (const adopter of orphanAdopters(this.frontPid)) {
        for (const p of readChildren(adopter).values()) {
          if (p.pgrp === this.goPgrp && p.startTime >= this.goStartTime) roots.add(p.pid);
        }
      }
    }
    const all = new Set<number>();
    for (const root of roots) for (const pid of readTree(root).keys()) all.add(pid);
    all.delete(process.pid);
    all.delete(this.frontPid);
    return [...all];
  }

  /** SIGTERM, a short grace, then SIGKILL for whatever is still there. */
  async endSurvivors(mayHaveLeftAny: boolean): Promise<number[]> {
    const pids = this.survivors(mayHaveLeftAny);
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
function orphanAdopters(frontPid: number): Set<number> {
  const self = readStat(frontPid);
  const adopters = new Set<number>();
  if (!self) return adopters;
  const seen = new Set<number>(); // a pid reused mid-walk could make a cycle
  for (let pid = self.ppid; pid > 0 && !seen.has(pid); ) {
    seen.add(pid);
    const ancestor = readStat(pid);
    if (!ancestor) break;
    if (ancestor.pgrp !== self.pgrp) adopters.add(pid);
    pid = ancestor.ppid;
  }
  const init = readStat(1);
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
