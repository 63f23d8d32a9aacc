// The sampler: every SAMPLE_EVERY_MS it reads go's process tree once and feeds it to the
// leftover tracker and the idle detector; idle for GOMODSHIM_HANG_AFTER calls onHang.
// Without /proc (macOS) the signal is go's own CPU time (pidusage) and its output.
import { IdleDetector, type ActivitySample } from '../monitor/idle-detector';
import { HAS_PROCFS, readTree } from '../monitor/process-table';
import { sampleTree } from '../monitor/tree-sample';
import type { DescendantTracker } from './leftovers';
import type { StderrRelay } from './stderr-relay';

export const SAMPLE_EVERY_MS = 500;

type Sampler = (at: number) => Promise<ActivitySample | null>;

function procfsSampler(goPid: number, relay: StderrRelay, tracker: DescendantTracker): Sampler {
  return async (at) => {
    const tree = readTree(goPid);
    tracker.remember(tree);
    return sampleTree(tree, goPid, relay.bytes, at);
  };
}

function pidusageSampler(goPid: number, relay: StderrRelay): Sampler {
  // Loaded only here: it is not needed on Linux, and the hot path stays small.
  const pidusage = require('pidusage') as (pid: number) => Promise<{ ctime: number }>;
  return async (at) => {
    try {
      const { ctime } = await pidusage(goPid);
      return { at, cpuTicks: Math.floor(ctime / 10), ioBytes: 0, outputBytes: relay.bytes, processKey: String(goPid) };
    } catch {
      return null; // go is gone
    }
  };
}

export class Watcher {
  private readonly detector = new IdleDetector();
  private readonly sample: Sampler;
  private timer: NodeJS.Timeout | null = null;
  private busy = false;
  private reported = false; // one snapshot per run; sampling goes on for the tracker
  /** How long the tree has been idle, as of the last sample. */
  idleMs = 0;
  /** The longest quiet spell so far, hung or not: what GOMODSHIM_HANG_AFTER=auto learns from. */
  longestIdleMs = 0;

  constructor(
    goPid: number,
    relay: StderrRelay,
    tracker: DescendantTracker,
    /** Read at every sample: an auto limit is learned while the run goes on. */
    private readonly limit: { readonly ms: number },
    private readonly onHang: (idleMs: number) => void,
  ) {
    this.sample = HAS_PROCFS ? procfsSampler(goPid, relay, tracker) : pidusageSampler(goPid, relay);
  }

  start(): void {
    this.timer = setInterval(() => void this.tick(), SAMPLE_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const s = await this.sample(Date.now());
      if (!s || !this.timer) return;
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
