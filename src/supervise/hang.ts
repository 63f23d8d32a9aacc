// What happens at a hang (idle for GOMODSHIM_HANG_AFTER, or SIGQUIT to the shim):
//   1. the run is marked hung in the history at once;
//   2. the snapshot is taken (process tree, env, go env, network probe) and stored;
//   3. dump mode: SIGQUIT to the Go toolchain process, its goroutine dump captured from the
//      stderr we relay (the user still sees it), parsed, stored with a refined diagnosis;
//   4. one line on stderr: what was seen and where it is saved.
// Each step is stored before the next can fail.
import type { ChildProcess } from 'node:child_process';
import type { Config } from '../config';
import { diagnose } from '../diagnose/diagnose';
import { findGoToolchainPid } from '../monitor/go-process';
import { readProcessTable } from '../monitor/process-table';
import { redactUrls } from '../redact';
import { captureSnapshot } from '../snapshot/capture';
import { extractDump, parseGoroutineDump } from '../snapshot/goroutine-dump';
import type { Snapshot } from '../snapshot/snapshot';
import type { RunRecorder } from './recorder';
import type { StderrRelay } from './stderr-relay';
import { warnOnce } from './warn';

const STDERR_TAIL_LINES = 20;
const DUMP_WAIT_MS = 5000; // a Go runtime prints its dump in milliseconds; a wedged one gets this long
const OWN_SIGQUIT_GRACE_MS = 300; // after Ctrl-\, go received the terminal's SIGQUIT too

export interface HangContext {
  child: ChildProcess;
  relay: StderrRelay;
  recorder: RunRecorder;
  config: Config;
  realGo: string;
  goArgs: string[];
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitForExit(child: ChildProcess, ms: number): Promise<void> {
  if (exited(child)) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    child.once('exit', () => (clearTimeout(timer), resolve()));
  });
}

export class HangHandler {
  /** Set once a hang was handled: the run's record and exit status depend on it. */
  snapshot: Snapshot | null = null;
  private done: Promise<void> | null = null;

  constructor(private readonly ctx: HangContext) {}

  get handling(): boolean {
    return this.done !== null;
  }

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
    const dumpFrom = relay.bytes; // Ctrl-\ reached go too: its dump may already be on its way
    const stderrTail = relay.tailLines(STDERR_TAIL_LINES);
    const store = recorder.promote();
    const runId = recorder.rowId;
    const goPid = findGoToolchainPid(readProcessTable(), child.pid as number);

    const partial = await captureSnapshot({
      goPid,
      rootPid: child.pid as number,
      realGo: this.ctx.realGo,
      goArgs: this.ctx.goArgs,
      env: process.env,
      cwd: process.cwd(),
      idleMs,
      trigger,
      hangAfterMs: config.hangAfterMs,
      mode: config.onHang,
      stderrTail,
      probeTimeoutMs: config.probeTimeoutMs,
    });
    let snapshot: Snapshot = { ...partial, diagnosis: diagnose(partial) };
    const save = () => {
      if (store && runId !== null) {
        try {
          store.saveSnapshot(runId, snapshot);
        } catch (err) {
          warnOnce(`could not store the snapshot: ${(err as Error).message}`);
        }
      }
    };
    this.snapshot = snapshot;
    save();

    if (config.onHang === 'dump' || trigger === 'sigquit') {
      if (trigger === 'sigquit') await waitForExit(child, OWN_SIGQUIT_GRACE_MS);
      if (!exited(child) && config.onHang === 'dump') signal(goPid, 'SIGQUIT');
      if (config.onHang === 'dump' || trigger === 'sigquit') await waitForExit(child, DUMP_WAIT_MS);
      await relay.drained(200);
      const raw = extractDump(relay.textSince(dumpFrom));
      if (raw !== null) {
        const goroutines = { raw: redactUrls(raw), parsed: parseGoroutineDump(raw) };
        const withDump = { ...partial, goroutines };
        snapshot = { ...withDump, diagnosis: diagnose(withDump) };
        this.snapshot = snapshot;
        save();
      }
    }

    const where = runId !== null ? `saved as #${runId} (gomod-shim show ${runId})` : 'not saved: the history is unusable';
    process.stderr.write(`gomod-shim: ${['go', ...snapshot.command].join(' ')}: ${snapshot.diagnosis.summary}; ${where}\n`);
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}
