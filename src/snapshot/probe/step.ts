// One bounded probe step: it either finishes or gives up after its time, destroying what it opened,
// so a server that never answers cannot hold the snapshot.
import { formatDuration } from '../../duration';

/** A step that failed, with the short plain phrase the snapshot shows. */
export class ProbeStepError extends Error {}

/** A step that ran out of time. */
export class ProbeStepTimeout extends ProbeStepError {
  /** "connect timed out" + "after" + 3000 → "connect timed out after 3s" */
  constructor(what: string, ms: number, preposition = 'after') {
    super(`${what} ${preposition} ${formatDuration(ms)}`);
  }
}

/**
 * `work`, or — once `ms` pass — `onTimeout()` (which destroys what the step opened) and a
 * rejection with `timeout`.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => void, timeout: ProbeStepTimeout): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => {
        onTimeout();
        reject(timeout);
      },
      Math.max(0, ms),
    );
    work.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}

/** "ECONNREFUSED" from a Node error, else its message. */
export function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code ?? (error instanceof Error ? error.message : String(error));
}

export function elapsedMs(since: number): number {
  return Math.round((performance.now() - since) * 10) / 10;
}

/** A late error (a reset after the step finished) must not crash the supervisor. */
export function ignoreErrors(emitter: { on(event: 'error', listener: () => void): unknown }): void {
  emitter.on('error', () => {});
}
