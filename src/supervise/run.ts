// Stage two of the supervisor (see main.ts): relay go's stderr, sample its process tree,
// handle a hang, record the run, and end as go ended.
import type { ChildProcess } from 'node:child_process';
import { loadConfig, type Config } from '../config';
import { findModulePath } from '../record/module-path';
import { effectiveDir, subcommandOf, type RunStart } from '../record/run-record';
import { redactArgv } from '../redact';
import { exitLikeGo, exitWith } from './exit-status';
import type { HangHandler } from './hang';
import { loadBundle } from './lazy-bundle';
import { HangLimit } from './hang-limit';
import { DescendantTracker } from './leftovers';
import { PROMOTE_AFTER_MS, RunRecorder } from './recorder';
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
        hung: snapshot !== null && snapshot.hung !== false,
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

/** Signal hooks main.ts installed before the spawn, pointed at this run's parts. */
export interface RunHooks {
  tracker: DescendantTracker | null;
  relay: StderrRelay | null;
}

/** Stage two of the supervisor (stage one, main.ts, has spawned go): watch and record the run. */
export function superviseRun(child: ChildProcess, realGo: string, goArgs: string[], startedMs: number, hooks: RunHooks): void {
  const tracker = new DescendantTracker(child.pid as number);
  const relay = new StderrRelay(child.stderr!);
  hooks.tracker = tracker;
  hooks.relay = relay;
  process.on('uncaughtException', (err) => warnOnce(`internal error: ${err.message}`));
  const { config, warnings } = loadConfig(process.env);
  if (warnings.length > 0) warnOnce(warnings.join('; '));
  supervise({ child, tracker, relay, realGo, goArgs, startedMs }, config, { handler: null });
}

export function failToStart(realGo: string, err: NodeJS.ErrnoException): void {
  sayOnStderr(`gomod-shim: cannot run ${realGo}: ${err.message}`);
  exitWith(err.code === 'ENOENT' ? 127 : 126);
}
