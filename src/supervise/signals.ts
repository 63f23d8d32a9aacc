// Signals sent to the shim reach go. SIGQUIT is ours: the shim survives it (a snapshot
// trigger); go gets its own SIGQUIT from the terminal, which shares the process group.
import type { ChildProcess } from 'node:child_process';

export const FORWARDED: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export function forwardSignals(child: ChildProcess, onQuit: () => void): void {
  for (const sig of FORWARDED) {
    process.on(sig, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    });
  }
  process.on('SIGQUIT', onQuit);
}
