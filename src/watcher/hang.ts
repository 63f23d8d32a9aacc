// What happens at a hang (idle for the hang limit), or at a SIGQUIT the front received:
//   1. the local snapshot — process tree, sockets, locks, env, settings — is taken while go is
//      still as it hung, diagnosed and stored: the run is on record at once;
//   2. dump mode: the front is told the run hung (it will exit 124), then SIGQUIT goes to the Go
//      toolchain process; its goroutine dump is read back from the front, which relays go's
//      stderr (the user still sees it), parsed and stored with a sharper diagnosis. A go that
//      survives SIGQUIT is killed after DUMP_WAIT_MS;
//   3. one line on go's stderr, through the front (within the limit + 1 s);
//   4. what go left behind is ended (dump mode);
//   5. go env and the network probe (bounded) are stored when they come;
//   6. with an OTLP endpoint set, the stored hang is sent on (src/export/; bounded).
// Each step is stored before the next can fail. The front holds its exit until the watcher
// releases it after all this (bounded: 3 × probe timeout + the export budget), so that a hang
// leaves a complete record, and its warnings reach the user, before the shim exits 124.
import type { Config } from '../config';
import { diagnose } from '../diagnose/diagnose';
import { exportHangIfConfigured } from '../export/start-export';
import { findGoToolchainPid } from '../monitor/go-process';
import { readTree } from '../monitor/process-table';
import { redactText } from '../redact';
import { reportHangToGitHub } from '../report/github-actions';
import { type CaptureInput, captureLocal, captureRemote, type PartialSnapshot } from '../snapshot/capture';
import { extractDump, parseGoroutineDump } from '../snapshot/goroutine-dump';
import type { Snapshot } from '../snapshot/snapshot';
import { printableLine } from '../ui/printable';
import type { FrontLink } from './front-link';
import type { HangLimit } from './hang-limit';
import type { RunRecorder } from './recorder';
import { say, warnOnce } from './warn';

const STDERR_TAIL_LINES = 20;
const STDERR_TAIL_BYTES = 16 * 1024;
const DUMP_WAIT_MS = 5000; // a Go runtime prints its dump in milliseconds; a wedged one gets this long
const OWN_SIGQUIT_GRACE_MS = 300; // after Ctrl-\, go received the terminal's SIGQUIT too
const SIGQUIT_LOOKBACK_BYTES = 64 * 1024;

export interface HangContext {
  link: FrontLink;
  goPid: number;
  recorder: RunRecorder;
  config: Config;
  limit: HangLimit;
  realGo: string;
  goArgs: string[];
  cwd: string;
}

/** Resolves true once go has exited (or the front is gone), false after ms. */
function waitForExit(link: FrontLink, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    void link.goEnded.then(() => (clearTimeout(timer), resolve(true)));
  });
}

function lastLines(text: string, max: number): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.slice(-max);
}

export class HangHandler {
  /** Set once a snapshot was taken: the run's record depends on it. */
  snapshot: Snapshot | null = null;
  /** The watcher ended go because it hung (dump mode): exit 124, leftovers ended. */
  endedByUs = false;
  private done: Promise<void> | null = null;

  constructor(
    private readonly ctx: HangContext,
    /** Ends what go left behind; called once go is gone after we ended it. */
    private readonly endLeftovers: () => Promise<void>,
  ) {}

  /** Resolves when the hang procedure (if any) has finished. */
  finished(): Promise<void> {
    return this.done ?? Promise.resolve();
  }

  handle(trigger: Snapshot['trigger'], idleMs: number): Promise<void> {
    if (!this.done) this.done = this.report(trigger, idleMs).catch((err: Error) => warnOnce(`could not capture the hang: ${err.message}`));
    return this.done;
  }

  private async report(trigger: Snapshot['trigger'], idleMs: number): Promise<void> {
    const { link, recorder, config } = this.ctx;
    const bytes = (await link.stderrBytes()) ?? 0;
    // Ctrl-\ reached go too: its dump may already be on its way, so look back a little.
    const dumpFrom = trigger === 'sigquit' ? Math.max(0, bytes - SIGQUIT_LOOKBACK_BYTES) : bytes;
    const tail = await link.stderrSince(Math.max(0, bytes - STDERR_TAIL_BYTES));
    const input: CaptureInput = {
      goPid: findGoToolchainPid(readTree(this.ctx.goPid), this.ctx.goPid),
      rootPid: this.ctx.goPid,
      realGo: this.ctx.realGo,
      goArgs: this.ctx.goArgs,
      env: process.env,
      cwd: this.ctx.cwd,
      idleMs,
      trigger,
      hangAfterMs: this.ctx.limit.ms,
      hangAfterReason: this.ctx.limit.reason,
      mode: config.onHang,
      stderrTail: lastLines(tail, STDERR_TAIL_LINES),
      probeTimeoutMs: config.probeTimeoutMs,
    };
    const store = recorder.promote();
    const runId = recorder.rowId;
    const record = (partial: PartialSnapshot): Snapshot => {
      const snapshot = { ...partial, diagnosis: diagnose(partial) };
      this.snapshot = snapshot;
      if (store && runId !== null) {
        try {
          store.saveSnapshot(runId, snapshot);
        } catch (err) {
          warnOnce(`could not store the snapshot: ${(err as Error).message}`);
        }
      }
      return snapshot;
    };

    let partial = captureLocal(input);
    record(partial);

    if (await this.dumpGoroutines(trigger, input.goPid)) {
      const raw = extractDump(await link.stderrSince(dumpFrom));
      if (raw !== null) partial = { ...partial, goroutines: { raw: redactText(raw), parsed: parseGoroutineDump(raw) } };
    }
    const reported = record(partial);
    const where = runId !== null ? `saved as #${runId} (gomod-shim show ${runId})` : 'not saved: the history is unusable';
    say(printableLine(redactText(`gomod-shim: ${['go', ...reported.command].join(' ')}: ${reported.diagnosis.summary}; ${where}`)));
    if (this.endedByUs) await this.endLeftovers();

    const stored = record({ ...partial, ...(await captureRemote(partial, input)) });
    reportHangToGitHub({ snapshot: stored, store, runId, start: recorder.start, say }); // with the probe: the whole report
    await exportHangIfConfigured({ snapshot: stored, run: recorder.start, runId, endedAtMs: Date.now() }, process.env);
  }

  /**
   * Gets go's goroutine dump when there is one to get: go already dumping (Ctrl-\ in a terminal
   * signals the whole process group), or dump mode, where we send the SIGQUIT ourselves.
   */
  private async dumpGoroutines(trigger: Snapshot['trigger'], goPid: number): Promise<boolean> {
    const { link, config } = this.ctx;
    // The front keeps go's stderr readable for us after go's exit until we release it.
    const weEndIt = trigger === 'idle' && config.onHang === 'dump';
    if (trigger === 'sigquit' || weEndIt) await link.hold(weEndIt);
    let dumping = trigger === 'sigquit' && (await waitForExit(link, OWN_SIGQUIT_GRACE_MS));
    if (!dumping && config.onHang === 'dump' && !link.exit && !link.closed) {
      this.endedByUs = weEndIt;
      signal(goPid, 'SIGQUIT');
      dumping = true;
    }
    if (!dumping) return false;
    if (!(await waitForExit(link, DUMP_WAIT_MS))) signal(goPid, 'SIGKILL');
    await waitForExit(link, DUMP_WAIT_MS);
    return true;
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}
