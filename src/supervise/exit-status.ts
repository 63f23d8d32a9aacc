// Ending the shim the way go ended: same exit code, or death by the same signal.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { constants } from 'node:os';

// Signals whose default action dumps core: ours would be Node's, not go's, and could
// land on the file name go's own core just took (core_pattern "core").
const DUMPS_CORE = new Set(['SIGQUIT', 'SIGILL', 'SIGTRAP', 'SIGABRT', 'SIGBUS', 'SIGFPE', 'SIGSEGV', 'SIGXCPU', 'SIGXFSZ', 'SIGSYS']);

const noop = () => {};

/** Never returns (process.exit, or a fatal signal). */
export function exitLikeGo(code: number | null, signal: NodeJS.Signals | null): void {
  if (signal && (!DUMPS_CORE.has(signal) || noCoreDumps())) raise(signal);
  const n = signal ? ((constants.signals as Record<string, number>)[signal] ?? 0) : 0;
  exitWith(signal ? 128 + n : (code ?? 1));
}

/**
 * process.exit runs Node's ResetStdio, which puts a terminal back into the mode it had
 * when we started, even from a background job: that would undo a mode go or a
 * foreground program set since. A closed fd is skipped, so close ours (we write nothing
 * more; go had them as its own).
 */
export function exitWith(code: number): never {
  for (const fd of [0, 1, 2]) {
    try {
      fs.closeSync(fd);
    } catch {
      // already closed
    }
  }
  process.exit(code);
}

function raise(signal: NodeJS.Signals): void {
  // A JS listener makes libuv own the signal; dropping the last listener restores
  // SIG_DFL (also for SIGPIPE, which Node ignores), so the re-raise is fatal.
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
}

/** True when a fatal signal would not dump our core (RLIMIT_CORE soft limit 0, or made so). */
function noCoreDumps(): boolean {
  try {
    const line = /^Max core file size\s+(\S+)/m.exec(fs.readFileSync('/proc/self/limits', 'latin1'));
    if (line?.[1] === '0') return true;
    return spawnSync('prlimit', ['--pid', String(process.pid), '--core=0:'], { stdio: 'ignore' }).status === 0;
  } catch {
    return false;
  }
}
