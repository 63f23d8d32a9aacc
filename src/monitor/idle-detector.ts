// Idle = go and all its descendants flat at once: no output, CPU and I/O barely growing,
// the same set of processes. Pure: it sees samples, never the system.
//
// Growth is measured against the counters at the start of the quiet spell, not between two
// samples, so a trickle too thin to show in one sample still counts once it adds up
// (a module zip arriving slowly is working, docs/causes.md, "Not hangs").

export interface ActivitySample {
  at: number; // ms
  cpuTicks: number; // user + system, whole tree, USER_HZ ticks (10 ms)
  ioBytes: number; // rchar + wchar, whole tree
  outputBytes: number; // bytes go wrote to the stderr we relay
  processKey: string; // which processes exist: a change is activity (go started or reaped a git)
}

export interface NoiseThresholds {
  /**
   * A blocked go still wakes: sysmon, GC, netpoll timers. Measured here on a go mod download stuck on
   * a silent proxy: 0 ticks and 0 bytes over 30 s (Go 1.19). 5 ticks (50 ms) is far above that, and far below
   * any real work — one second of compiling, hashing or unzipping is 100 ticks.
   */
  cpuTicks: number;
  /**
   * rchar/wchar count every read and write syscall, including pipes and sockets. A blocked go does
   * none; 256 bytes is less than one HTTP response header.
   */
  ioBytes: number;
}

export const DEFAULT_THRESHOLDS: NoiseThresholds = { cpuTicks: 5, ioBytes: 256 };

export class IdleDetector {
  private baseline: ActivitySample | null = null;

  constructor(private readonly thresholds: NoiseThresholds = DEFAULT_THRESHOLDS) {}

  /** Feeds one sample; returns how long the tree has been idle, in ms (0 when just active). */
  observe(sample: ActivitySample): number {
    const b = this.baseline;
    const active =
      b === null ||
      sample.outputBytes !== b.outputBytes ||
      sample.processKey !== b.processKey ||
      sample.cpuTicks - b.cpuTicks >= this.thresholds.cpuTicks ||
      sample.ioBytes - b.ioBytes >= this.thresholds.ioBytes;
    if (active) this.baseline = sample;
    return sample.at - (this.baseline as ActivitySample).at;
  }

  /** Starts a new quiet spell from the next sample (after a snapshot in observe mode). */
  reset(): void {
    this.baseline = null;
  }
}
