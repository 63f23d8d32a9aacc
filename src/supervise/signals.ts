// Signals sent to the shim reach go. SIGQUIT is ours: the shim survives it (a snapshot
// trigger); go gets its own SIGQUIT from the terminal, which shares the process group.
import type { ChildProcess } from 'node:child_process';

/** Signals that end go: go must get them, and we end the way go then ends. */
export const FORWARDED: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Signals go ignores by default but that would end Node (or, SIGUSR1, start its
 * debugger and print about it): passed on too, so the shim survives what go survives.
 */
export const PASSED_ON: readonly NodeJS.Signals[] = ['SIGUSR1', 'SIGUSR2', 'SIGALRM'];

export interface SignalHooks {
  /** Just before a signal goes to go (remember go's descendants while they are its). */
  beforeForward(): void;
  /** A fatal signal after go has ended: whoever sent it wants us gone, not waiting. */
  afterGoEnded(): void;
  onQuit(): void;
}

/**
 * Call before spawning go: from here on no signal can end us and leave go behind.
 * Listeners run from the event loop, so by the time one runs, go has been spawned.
 */
export function forwardSignals(target: () => ChildProcess | null, hooks: SignalHooks): void {
  for (const sig of [...FORWARDED, ...PASSED_ON]) {
    process.on(sig, () => {
      const child = target();
      if (!child) return;
      if (child.exitCode !== null || child.signalCode !== null) {
        if (FORWARDED.includes(sig)) hooks.afterGoEnded();
        return;
      }
      hooks.beforeForward();
      child.kill(sig);
    });
  }
  process.on('SIGQUIT', () => hooks.onQuit());
}
