// The supervisor: started by shim/go for watched calls as
//   node dist/supervisor.js REAL_GO [go args…]
// go is spawned first, before anything else is loaded or read.
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../config';
import { findModulePath } from '../record/module-path';
import { effectiveDir, subcommandOf, type RunStart } from '../record/run-record';
import { redactArgv } from '../redact';
import { exitLikeGo, exitWith } from './exit-status';
import { restoreGoEnvironment } from './go-environment';
import { DescendantTracker } from './leftovers';
import { PROMOTE_AFTER_MS, RunRecorder } from './recorder';
import { forwardSignals } from './signals';
import { spawnGo } from './spawn-go';
import { StderrRelay } from './stderr-relay';
import { sayOnStderr } from './stderr-write';
import { warnOnce } from './warn';

// After go exits: how long its stderr may stay silent before we stop waiting for EOF
// (a process that escaped us may hold the pipe), and the most we wait at all.
const STDERR_QUIET_MS = 200;
const STDERR_MAX_WAIT_MS = 10_000;

function failToStart(realGo: string, err: NodeJS.ErrnoException): void {
  sayOnStderr(`gomod-shim: cannot run ${realGo}: ${err.message}`);
  exitWith(err.code === 'ENOENT' ? 127 : 126);
}

function describeRun(realGo: string, goArgs: string[], goPid: number | null): RunStart {
  const cwd = process.cwd();
  return {
    uuid: randomUUID(),
    startedAt: new Date().toISOString(),
    cwd,
    module: findModulePath(effectiveDir(cwd, goArgs)),
    argv: redactArgv(goArgs),
    subcommand: subcommandOf(goArgs),
    supervisorPid: process.pid,
    goPid,
    realGo,
  };
}

function supervise(child: ChildProcess, tracker: DescendantTracker, relay: StderrRelay, realGo: string, goArgs: string[], startedMs: number): void {
  process.on('uncaughtException', (err) => warnOnce(`internal error: ${err.message}`));

  const { config, warnings } = loadConfig(process.env);
  if (warnings.length > 0) warnOnce(warnings.join('; '));
  const recorder = new RunRecorder(config.dbPath, describeRun(realGo, goArgs, child.pid ?? null));
  recorder.begin();
  tracker.start();
  const promote = setTimeout(() => recorder.promote(), PROMOTE_AFTER_MS);

  child.once('exit', async (code, signal) => {
    // Whatever fails on the way out, we still end as go ended.
    try {
      clearTimeout(promote);
      await tracker.endSurvivors();
      await relay.drained(STDERR_QUIET_MS, STDERR_MAX_WAIT_MS);
      recorder.finish({
        endedAt: new Date().toISOString(),
        durationMs: Date.now() - startedMs,
        exitCode: code,
        signal,
        hung: false,
      });
    } finally {
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
  // SIGQUIT: we survive it; the snapshot it triggers comes with the monitor.
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
  supervise(child, tracker, relay, realGo, goArgs, startedMs);
}

main();
