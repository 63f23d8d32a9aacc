// Our own writes to fd 2. Never through process.stderr: on a pipe it sets O_NONBLOCK on
// an open file that we share with go and the user's shell, queues writes that a later
// process.exit() drops, and makes Node touch the terminal at exit. A plain blocking
// write keeps every byte, in order, before we go on.
import * as fs from 'node:fs';

export type WriteOutcome = 'written' | 'reader-gone' | 'failed';

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes all of buf to fd, waiting out EAGAIN (someone else made the file non-blocking).
 * A socket (journald, a parent's socketpair) reports a reader that left as ECONNRESET.
 */
export function writeAllSync(fd: number, buf: Uint8Array): WriteOutcome {
  let offset = 0;
  while (offset < buf.length) {
    try {
      offset += fs.writeSync(fd, buf, offset, buf.length - offset);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') Atomics.wait(pause, 0, 0, 2);
      else if (code !== 'EINTR') return code === 'EPIPE' || code === 'ECONNRESET' ? 'reader-gone' : 'failed';
    }
  }
  return 'written';
}

/** One line of the shim's own on stderr; a failure to say it is not worth more. */
export function sayOnStderr(line: string): void {
  writeAllSync(2, Buffer.from(`${line}\n`));
}

