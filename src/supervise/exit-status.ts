// Ending the shim the way go ended: same exit code, or death by the same signal.
import { constants } from 'node:os';

const noop = () => {};

/** Never returns. */
export function exitLikeGo(code: number | null, signal: NodeJS.Signals | null): void {
  if (signal) {
    // A JS listener makes libuv own the signal; dropping every listener restores SIG_DFL
    // (also for SIGPIPE, which Node otherwise ignores), so the re-raise is fatal.
    process.removeAllListeners(signal);
    try {
      if (signal !== 'SIGKILL' && signal !== 'SIGSTOP') {
        process.on(signal, noop);
        process.removeListener(signal, noop);
      }
      process.kill(process.pid, signal);
    } catch {
      // fall through to 128+N
    }
    // Re-raising did not end us (blocked or ignored by the environment).
    const n = (constants.signals as Record<string, number>)[signal] ?? 0;
    setTimeout(() => process.exit(128 + n), 200).unref();
    return;
  }
  process.exit(code ?? 1);
}
