// The sampler: it reads go's process tree once per tick and feeds it to the leftover tracker and
// the idle detector; idle for the hang limit calls onHang. Ticks follow sample-schedule.ts: every
// 500 ms, slower once the tree has been quiet a while (2 s from 5 s), and at the moment the limit
// is reached.
// go's output is counted by the front, which relays go's stderr: we ask it at each sample.
// The front's own samples from before the watcher started (the hello's checkpoints) come first,
// so that a quiet spell can start before the watcher did.
// Without /proc (macOS) the signal is go's own CPU time (pidusage) and its output.
import { type ActivitySample, IdleDetector } from '../monitor/idle-detector';
import { HAS_PROCFS, readTree } from '../monitor/process-table';
import { sampleTree } from '../monitor/tree-sample';
import type { DescendantTracker } from './leftovers';
import { nextSampleAt } from './sample-schedule';

/** A sample, or null when go is gone; `stopped` when go is stopped (Ctrl-Z): not idle, paused. */
type SampleFn = (at: number, outputBytes: number) => Promise<(ActivitySample & { stopped: boolean }) | null>;

function procfsSampler(goPid: number, tracker: DescendantTracker): SampleFn {
  return async (at, outputBytes) => {
    const tree = readTree(goPid);
    const go = tree.get(goPid);
    if (!go) return null;
    tracker.remember(tree);
    return { ...sampleTree(tree, goPid, outputBytes, at), stopped: go.state === 'T' || go.state === 't' };
  };
}

function pidusageSampler(goPid: number): SampleFn {
  // Loaded only here: it is not needed on Linux.
  const pidusage = require('pidusage') as (pid: number) => Promise<{ ctime: number }>;
  return async (at, outputBytes) => {
    try {
      const { ctime } = await pidusage(goPid);
      return { at, cpuTicks: Math.floor(ctime / 10), ioBytes: 0, outputBytes, processKey: String(goPid), stopped: false };
    } catch {
      return null; // go is gone
    }
  };
}

export class Sampler {
  private readonly detector = new IdleDetector();
  private readonly sample: SampleFn;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private busy = false;
  private reported = false; // one snapshot per run; sampling goes on for the tracker
  /** When the quiet spell began, as of the last tick; null when that tick saw none (no sample, go stopped). */
  private quietSince: number | null = null;
  /** How long the tree has been idle, as of the last sample. */
  idleMs = 0;
  /** The longest quiet spell so far, hung or not: what GOMODSHIM_HANG_AFTER=auto learns from. */
  longestIdleMs = 0;

  constructor(
    goPid: number,
    tracker: DescendantTracker,
    /** go's stderr bytes so far, from the front; null once the front is gone. */
    private readonly outputBytes: () => Promise<number | null>,
    /** Read at every sample: an auto limit is learned while the run goes on. */
    private readonly limit: { readonly ms: number },
    private readonly onHang: (idleMs: number) => void,
  ) {
    this.sample = HAS_PROCFS ? procfsSampler(goPid, tracker) : pidusageSampler(goPid);
  }

  /**
   * checkpoints: the front's samples of go's tree, oldest first. They count what ours count but
   * the lock holders and pipe writers outside the tree, so any difference reads as activity; that
   * holds for the /proc sampler only. They never call a hang: our own first sample, taken at once,
   * confirms the spell or ends it.
   */
  start(checkpoints: readonly ActivitySample[] = []): void {
    this.running = true;
    if (HAS_PROCFS) for (const c of checkpoints) this.observe(c);
    // At once too: go has run for a second already, and its tree is the tracker's to learn.
    void this.tick();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private observe(s: ActivitySample): void {
    this.idleMs = this.detector.observe(s);
    this.quietSince = s.at - this.idleMs;
    this.longestIdleMs = Math.max(this.longestIdleMs, this.idleMs);
  }

  private async tick(): Promise<void> {
    if (this.busy || !this.running) return;
    this.busy = true;
    try {
      await this.sampleOnce();
    } finally {
      this.busy = false;
      this.scheduleNext();
    }
  }

  private scheduleNext(): void {
    if (!this.running) return;
    const now = Date.now();
    const at = nextSampleAt(now, this.quietSince, this.reported ? Number.POSITIVE_INFINITY : this.limit.ms);
    this.timer = setTimeout(() => void this.tick(), at - now);
  }

  private async sampleOnce(): Promise<void> {
    this.quietSince = null; // until this tick finds a spell
    const bytes = await this.outputBytes();
    if (bytes === null || !this.running) return;
    const s = await this.sample(Date.now(), bytes);
    if (!s || !this.running) return;
    if (s.stopped) {
      // A stopped job waits for its user, not for a server: the quiet spell starts again.
      this.detector.reset();
      this.idleMs = 0;
      return;
    }
    this.observe(s);
    if (this.idleMs >= this.limit.ms && !this.reported) {
      this.reported = true;
      this.onHang(this.idleMs);
    }
  }
}
