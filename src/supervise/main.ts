// The supervisor: started by shim/go for watched calls as
//   node dist/supervisor.js REAL_GO [go args…]
// go is spawned first, before anything else is loaded or read.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../config';
import { findModulePath } from '../record/module-path';
import { effectiveDir, subcommandOf, type RunStart } from '../record/run-record';
import { redactArgv } from '../redact';
import { exitLikeGo } from './exit-status';
import { DescendantTracker } from './leftovers';
import { PROMOTE_AFTER_MS, RunRecorder } from './recorder';
import { forwardSignals } from './signals';
import { StderrRelay } from './stderr-relay';
import { warnOnce } from './warn';

const STDERR_DRAIN_MS = 200;

/** shim/go parks the user's NODE_OPTIONS so they reach go, not our node. */
function restoreParkedNodeOptions(env: NodeJS.ProcessEnv): void {
  const parked = env.GOMODSHIM_PARKED_NODE_OPTIONS;
  if (parked === undefined) return;
  env.NODE_OPTIONS = parked;
  delete env.GOMODSHIM_PARKED_NODE_OPTIONS;
}

function failToStart(realGo: string, err: NodeJS.ErrnoException): void {
  process.stderr.write(`gomod-shim: cannot run ${realGo}: ${err.message}\n`);
  process.exit(err.code === 'ENOENT' ? 127 : 126);
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

function supervise(child: ChildProcess, realGo: string, goArgs: string[], startedMs: number): void {
  const relay = new StderrRelay(child.stderr!);
  // Survive SIGQUIT; go gets the terminal's own. The snapshot it triggers comes with the monitor.
  forwardSignals(child, () => {});
  process.on('uncaughtException', (err) => warnOnce(`internal error: ${err.message}`));

  const { config, warnings } = loadConfig(process.env);
  if (warnings.length > 0) warnOnce(warnings.join('; '));
  const recorder = new RunRecorder(config.dbPath, describeRun(realGo, goArgs, child.pid ?? null));
  recorder.begin();
  const tracker = new DescendantTracker(child.pid!);
  tracker.start();
  const promote = setTimeout(() => recorder.promote(), PROMOTE_AFTER_MS);

  child.once('exit', async (code, signal) => {
    clearTimeout(promote);
    await tracker.endSurvivors();
    await relay.drained(STDERR_DRAIN_MS);
    recorder.finish({
      endedAt: new Date().toISOString(),
      durationMs: Date.now() - startedMs,
      exitCode: code,
      signal,
      hung: false,
    });
    exitLikeGo(code, signal);
  });
}

function main(): void {
  const startedMs = Date.now();
  const [realGo, ...goArgs] = process.argv.slice(2);
  restoreParkedNodeOptions(process.env);
  const child = spawn(realGo, goArgs, { stdio: ['inherit', 'inherit', 'pipe'] });
  if (child.pid === undefined) {
    child.once('error', (err) => failToStart(realGo, err));
    return;
  }
  supervise(child, realGo, goArgs, startedMs);
}

main();
