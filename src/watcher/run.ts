// One watched run, from the front's hello to the end of its record: sample go's tree, handle a
// hang, record the end. The front owns go's streams and exit status; the watcher only looks,
// asks the front for what it needs, and ends go's processes after a hang it ended.
import { loadConfig } from '../config';
import { shellWarned } from '../config/shell-settings';
import { findModulePath } from '../record/module-path';
import { effectiveDir, type RunStart, subcommandOf } from '../record/run-record';
import { redactArgv } from '../redact';
import { snapshotIsHang } from '../snapshot/is-hang';
import { within } from '../within';
import type { FrontLink, Hello } from './front-link';
import { HangHandler } from './hang';
import { HangLimit } from './hang-limit';
import { DescendantTracker } from './leftovers';
import { RunRecorder } from './recorder';
import { Sampler } from './sampler';
import { markWarned, warnOnce } from './warn';

/** The hang procedure is bounded step by step (probe, go env, export); this only catches a bug. */
const FINISH_WITHIN_MS = 60_000;

/** The run as the front started it; the journal's copy (with the caller) wins where there is one. */
function describeRun(hello: Hello): RunStart {
  return {
    uuid: hello.uuid,
    startedAt: new Date(hello.startedMs).toISOString(),
    cwd: hello.cwd,
    module: findModulePath(effectiveDir(hello.cwd, hello.argv)),
    argv: redactArgv(hello.argv),
    subcommand: subcommandOf(hello.argv),
    supervisorPid: hello.frontPid,
    goPid: hello.goPid,
    realGo: hello.realGo,
  };
}

export async function watchRun(link: FrontLink, hello: Hello): Promise<void> {
  const { config, warnings } = loadConfig(process.env);
  if (shellWarned(process.env)) markWarned();
  else if (warnings.length > 0) warnOnce(warnings.join('; '));
  const recorder = new RunRecorder(config.dbPath, describeRun(hello));
  const tracker = new DescendantTracker(hello.goPid, hello.frontPid);
  tracker.start();
  const limit = new HangLimit(config.hangAfter, hello.argv, recorder.start.module);
  limit.learn(recorder.promote());

  const handler = new HangHandler(
    { link, goPid: hello.goPid, recorder, config, limit, realGo: hello.realGo, goArgs: hello.argv, cwd: hello.cwd },
    async () => void (await tracker.endSurvivors(true)),
  );
  const sampler = new Sampler(
    hello.goPid,
    tracker,
    () => link.stderrBytes(),
    limit,
    (idleMs) => void handler.handle('idle', idleMs),
  );
  link.onSigquit = () => void handler.handle('sigquit', sampler.idleMs);
  link.onSignal = () => tracker.rememberNow();
  sampler.start(hello.checkpoints);
  // A SIGQUIT that started the watcher, or that came while it was setting up.
  if (hello.trigger === 'sigquit' || link.sigquitSeen) void handler.handle('sigquit', 0);

  await link.goEnded;
  sampler.stop();
  await within(handler.finished(), FINISH_WITHIN_MS);
  const exit = link.exit;
  limit.settle();
  if (exit) {
    recorder.finish({
      endedAt: new Date(exit.endedMs).toISOString(),
      durationMs: Math.max(0, exit.endedMs - hello.startedMs),
      exitCode: exit.code,
      signal: exit.signal,
      hung: handler.snapshot !== null && snapshotIsHang(handler.snapshot),
      longestIdleMs: sampler.longestIdleMs,
      hangLimitMs: limit.ms,
      hangLimitReason: limit.reason,
    });
  } else {
    // No exit event: the front was killed, and go with it (Pdeathsig). What go started goes too,
    // as it would have with go alone killed in its terminal; how go ended is not known.
    await tracker.endSurvivors(true);
    recorder.lose();
  }
  // Last: a front held for a hang exits once the record is whole.
  link.release();
}
