// The sampler: every SAMPLE_EVERY_MS it reads go's process tree once and feeds it to the
// leftover tracker and the idle detector; idle for the hang limit calls onHang. go's output is
// counted by the front, which relays go's stderr: we ask it at each sample.
// Without /proc (macOS) the signal is go's own CPU time (pidusage) and its output.
import { type ActivitySample, IdleDetector } from '../monitor/idle-detector';
import { HAS_PROCFS, readTree } from '../monitor/process-table';
import { sampleTree } from '../monitor/tree-sample';
import type { DescendantTracker } from './leftovers';

export const SAMPLE_EVERY_MS = 500;

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
  private busy = false;
  private reported = false; // one snapshot per run; sampling goes on for the tracker
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

  start(): void {
    this.timer = setInterval(() => void this.tick(), SAMPLE_EVERY_MS);
    // At once too: go has run for a second already, and its tree is the tracker's to learn.
    void this.tick();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const bytes = await this.outputBytes();
      if (bytes === null || !this.timer) return;
      const s = await this.sample(Date.now(), bytes);
      if (!s || !this.timer) return;
      if (s.stopped) {
        // A stopped job waits for its user, not for a server: the quiet spell starts again.
        this.detector.reset();
        this.idleMs = 0;
        return;
      }
      this.idleMs = this.detector.observe(s);
      this.longestIdleMs = Math.max(this.longestIdleMs, this.idleMs);
      if (this.idleMs >= this.limit.ms && !this.reported) {
        this.reported = true;
        this.onHang(this.idleMs);
      }
    } finally {
      this.busy = false;
    }
  }
}
