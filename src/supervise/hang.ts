// What happens at a hang (idle for GOMODSHIM_HANG_AFTER, or SIGQUIT to the shim):
//   1. the local snapshot — process tree, sockets, locks, env, settings — is taken while go is
//      still as it hung, diagnosed and stored: the run is on record as hung at once;
//   2. go env and the network probe start (seconds; bounded);
//   3. dump mode: SIGQUIT to the Go toolchain process; its goroutine dump is captured from the
//      stderr we relay (the user still sees it), parsed and stored with a sharper diagnosis;
//   4. one line on stderr, right away (DESIGN.md: within HANG_AFTER + 1 s);
//   5. the probe's results are stored when they come (within 3 × GOMODSHIM_PROBE_TIMEOUT);
//   6. with an OTLP endpoint set, the stored hang is sent on (src/export/; bounded).
// Each step is stored before the next can fail.
import type { ChildProcess } from 'node:child_process';
import type { Config } from '../config';
import { diagnose } from '../diagnose/diagnose';
import { exportHangIfConfigured } from '../export/start-export';
import { findGoToolchainPid } from '../monitor/go-process';
import { readTree } from '../monitor/process-table';
import { redactText } from '../redact';
import { printableLine } from '../ui/printable';
import { captureLocal, captureRemote, type CaptureInput, type PartialSnapshot } from '../snapshot/capture';
import { extractDump, parseGoroutineDump } from '../snapshot/goroutine-dump';
import type { Snapshot } from '../snapshot/snapshot';
import type { HangLimit } from './hang-limit';
import type { RunRecorder } from './recorder';
import type { StderrRelay } from './stderr-relay';
import { sayOnStderr } from './stderr-write';
import { warnOnce } from './warn';

const STDERR_TAIL_LINES = 20;
const DUMP_WAIT_MS = 5000; // a Go runtime prints its dump in milliseconds; a wedged one gets this long
const OWN_SIGQUIT_GRACE_MS = 300; // after Ctrl-\, go received the terminal's SIGQUIT too
const SIGQUIT_LOOKBACK_BYTES = 64 * 1024;

export interface HangContext {
  child: ChildProcess;
  relay: StderrRelay;
  recorder: RunRecorder;
  config: Config;
  limit: HangLimit;
  realGo: string;
  goArgs: string[];
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Resolves true once go has exited, or false after ms. */
function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => (clearTimeout(timer), resolve(true)));
  });
}

export class HangHandler {
  /** Set once a hang was handled: the run's record and exit status depend on it. */
  snapshot: Snapshot | null = null;
  private done: Promise<void> | null = null;

  constructor(private readonly ctx: HangContext) {}

  /** Resolves when the hang procedure (if any) has finished. */
  finished(): Promise<void> {
    return this.done ?? Promise.resolve();
  }

  handle(trigger: Snapshot['trigger'], idleMs: number): Promise<void> {
    if (!this.done) this.done = this.run(trigger, idleMs).catch((err: Error) => warnOnce(`could not capture the hang: ${err.message}`));
    return this.done;
  }

  private async run(trigger: Snapshot['trigger'], idleMs: number): Promise<void> {
    const { child, relay, recorder, config } = this.ctx;
    // Ctrl-\ reached go too: its dump may already be on its way, so look back a little.
    const dumpFrom = trigger === 'sigquit' ? Math.max(0, relay.bytes - SIGQUIT_LOOKBACK_BYTES) : relay.bytes;
    const input: CaptureInput = {
      goPid: findGoToolchainPid(readTree(child.pid as number), child.pid as number),
      rootPid: child.pid as number,
      realGo: this.ctx.realGo,
      goArgs: this.ctx.goArgs,
      env: process.env,
      cwd: process.cwd(),
      idleMs,
      trigger,
      hangAfterMs: this.ctx.limit.ms,
      hangAfterReason: this.ctx.limit.reason,
      mode: config.onHang,
      stderrTail: relay.tailLines(STDERR_TAIL_LINES),
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
    const remote = captureRemote(partial, input);

    if (await this.dumpGoroutines(trigger, input.goPid)) {
      const raw = extractDump(relay.textSince(dumpFrom));
      if (raw !== null) partial = { ...partial, goroutines: { raw: redactText(raw), parsed: parseGoroutineDump(raw) } };
    }
    const reported = record(partial);
    const where = runId !== null ? `saved as #${runId} (gomod-shim show ${runId})` : 'not saved: the history is unusable';
    sayOnStderr(printableLine(redactText(`gomod-shim: ${['go', ...reported.command].join(' ')}: ${reported.diagnosis.summary}; ${where}`)));

    const stored = record({ ...partial, ...(await remote) });
    await exportHangIfConfigured({ snapshot: stored, run: recorder.start, runId, endedAtMs: Date.now() }, process.env);
  }

  /**
   * Gets go's goroutine dump when there is one to get: go already dumping (Ctrl-\ in a terminal
   * signals the whole process group), or dump mode, where we send the SIGQUIT ourselves.
   */
  private async dumpGoroutines(trigger: Snapshot['trigger'], goPid: number): Promise<boolean> {
    const { child, relay, config } = this.ctx;
    let dumping = trigger === 'sigquit' && (await waitForExit(child, OWN_SIGQUIT_GRACE_MS));
    if (!dumping && config.onHang === 'dump' && !exited(child)) {
      signal(goPid, 'SIGQUIT');
      dumping = true;
    }
    if (!dumping) return false;
    await waitForExit(child, DUMP_WAIT_MS);
    await relay.drained(200, DUMP_WAIT_MS);
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
