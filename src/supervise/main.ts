// The supervisor: started by shim/go for watched calls as
//   node dist/supervisor.js REAL_GO [go args…]
// go is spawned first, before anything else is loaded or read.
import type { ChildProcess } from 'node:child_process';
import { loadConfig, type Config } from '../config';
import { findModulePath } from '../record/module-path';
import { effectiveDir, subcommandOf, type RunStart } from '../record/run-record';
import { redactArgv } from '../redact';
import { exitLikeGo, exitWith } from './exit-status';
import { restoreGoEnvironment } from './go-environment';
import type { HangHandler } from './hang';
import { HangLimit } from './hang-limit';
import { loadBundle } from './lazy-bundle';
import { DescendantTracker } from './leftovers';
import { PROMOTE_AFTER_MS, RunRecorder } from './recorder';
import { forwardSignals } from './signals';
import { spawnGo } from './spawn-go';
import { StderrRelay } from './stderr-relay';
import { sayOnStderr } from './stderr-write';
import { warnOnce } from './warn';
import { Watcher } from './watch';

// After go exits: how long its stderr may stay silent before we stop waiting for EOF
// (a process that escaped us may hold the pipe), and the most we wait at all.
const STDERR_QUIET_MS = 200;
const STDERR_MAX_WAIT_MS = 10_000;
const STDERR_EOF_AFTER_EXIT_MS = 20;
/** `timeout(1)`'s status: the shim ended go because it hung (CONTRACT.md). */
const EXIT_HUNG = 124;

function failToStart(realGo: string, err: NodeJS.ErrnoException): void {
  sayOnStderr(`gomod-shim: cannot run ${realGo}: ${err.message}`);
  exitWith(err.code === 'ENOENT' ? 127 : 126);
}

/** Unique per run on this machine, without loading node:crypto on the hot path. */
function runId(startedMs: number): string {
  return `${startedMs.toString(36)}-${process.pid.toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

function describeRun(realGo: string, goArgs: string[], goPid: number | null, startedMs: number): RunStart {
  const cwd = process.cwd();
  return {
    uuid: runId(startedMs),
    startedAt: new Date(startedMs).toISOString(),
    cwd,
    module: findModulePath(effectiveDir(cwd, goArgs)),
    argv: redactArgv(goArgs),
    subcommand: subcommandOf(goArgs),
    supervisorPid: process.pid,
    goPid,
    realGo,
  };
}

interface Run {
  child: ChildProcess;
  tracker: DescendantTracker;
  relay: StderrRelay;
  realGo: string;
  goArgs: string[];
  startedMs: number;
}

function supervise(run: Run, config: Config, hang: { handler: HangHandler | null }): void {
  const { child, tracker, relay } = run;
  const recorder = new RunRecorder(config.dbPath, describeRun(run.realGo, run.goArgs, child.pid ?? null, run.startedMs));
  recorder.begin();
  tracker.start();
  const limit = new HangLimit(config.hangAfter, run.goArgs, recorder.start.module);
  // The database opens only for runs still going after 1 s; an auto limit is learned there.
  const promote = setTimeout(() => limit.learn(recorder.promote()), PROMOTE_AFTER_MS);
  const onHang = (trigger: 'idle' | 'sigquit', idleMs: number) => {
    if (!hang.handler) {
      const { HangHandler: Handler } = loadBundle<typeof import('./hang')>('hang', './hang');
      hang.handler = new Handler({ child, relay, recorder, config, limit, realGo: run.realGo, goArgs: run.goArgs });
    }
    void hang.handler.handle(trigger, idleMs);
  };
  const watcher = new Watcher(child.pid as number, relay, tracker, limit, (idleMs) => onHang('idle', idleMs));
  watcher.start();
  process.on('SIGQUIT', () => onHang('sigquit', watcher.idleMs));

  child.once('exit', async (code, signal) => {
    let hungInDumpMode = false;
    // Whatever fails on the way out, we still end as go ended (or 124 for a hang we ended).
    try {
      clearTimeout(promote);
      watcher.stop();
      await hang.handler?.finished();
      const snapshot = hang.handler?.snapshot ?? null;
      hungInDumpMode = snapshot !== null && snapshot.trigger === 'idle' && config.onHang === 'dump';
      // EOF on go's stderr normally arrives with its exit; a pipe still held means a leftover.
      const stderrHeld = !(await relay.closesWithin(STDERR_EOF_AFTER_EXIT_MS));
      await tracker.endSurvivors(signal !== null || snapshot !== null || stderrHeld);
      await relay.drained(STDERR_QUIET_MS, STDERR_MAX_WAIT_MS);
      limit.settle();
      recorder.finish({
        endedAt: new Date().toISOString(),
        durationMs: Date.now() - run.startedMs,
        exitCode: code,
        signal,
        hung: snapshot !== null,
        longestIdleMs: watcher.longestIdleMs,
        hangLimitMs: limit.ms,
        hangLimitReason: limit.reason,
      });
    } finally {
      if (hungInDumpMode) exitWith(EXIT_HUNG);
      exitLikeGo(code, signal);
    }
  });
}

function main(): void {
  const startedMs = Date.now();
  const [realGo, ...goArgs] = process.argv.slice(2);
  const ignoredSignals = restoreGoEnvironment(process.env);
  let child: ChildProcess | null = null;
  let tracker: DescendantTracker | null = null;
  let relay: StderrRelay | null = null;
  // Before the spawn, so that no signal finds us without a listener once go runs.
  // SIGQUIT is ours (a snapshot); until the run is set up it is simply survived.
  forwardSignals(() => child, {
    beforeForward: () => tracker?.rememberNow(),
    afterGoEnded: () => relay?.giveUp(),
    onQuit: () => {},
  });
  child = spawnGo(realGo, goArgs, ignoredSignals);
  if (child.pid === undefined) {
    child.once('error', (err) => failToStart(realGo, err));
    return;
  }
  tracker = new DescendantTracker(child.pid);
  relay = new StderrRelay(child.stderr!);
  process.on('uncaughtException', (err) => warnOnce(`internal error: ${err.message}`));
  const { config, warnings } = loadConfig(process.env);
  if (warnings.length > 0) warnOnce(warnings.join('; '));
  supervise({ child, tracker, relay, realGo, goArgs, startedMs }, config, { handler: null });
}

main();
