// The supervisor: started by shim/go for watched calls as
//   node dist/supervisor.js REAL_GO [go args…]
// Stage one, this file, spawns go before anything else is loaded: it is bundled alone, and
// stage two (run.ts → dist/run.js: relay, recorder, sampler, exit) is loaded right after the
// spawn, in the same tick, so nothing go writes is missed (DESIGN.md: spawn go first).
import type { ChildProcess } from 'node:child_process';
import { restoreGoEnvironment } from './go-environment';
import { loadBundle } from './lazy-bundle';
import type * as Run from './run';
import { forwardSignals } from './signals';
import { spawnGo } from './spawn-go';

function main(): void {
  const startedMs = Date.now();
  const [realGo, ...goArgs] = process.argv.slice(2);
  const ignoredSignals = restoreGoEnvironment(process.env);
  let child: ChildProcess | null = null;
  const hooks: Run.RunHooks = { tracker: null, relay: null };
  // Before the spawn, so that no signal finds us without a listener once go runs.
  // SIGQUIT is ours (a snapshot); until stage two is set up it is simply survived.
  forwardSignals(() => child, {
    beforeForward: () => hooks.tracker?.rememberNow(),
    afterGoEnded: () => hooks.relay?.giveUp(),
    onQuit: () => {},
  });
  child = spawnGo(realGo, goArgs, ignoredSignals);
  const run = loadBundle<typeof Run>('run', './run');
  if (child.pid === undefined) {
    child.once('error', (err) => run.failToStart(realGo, err));
    return;
  }
  run.superviseRun(child, realGo, goArgs, startedMs, hooks);
}

main();
