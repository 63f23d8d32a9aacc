// go's stderr passes through us byte for byte (we need it for hang detection and the
// goroutine dump); stdout stays inherited, see README "Streams".
import type { Readable } from 'node:stream';
import { writeAllSync } from './stderr-write';

// Enough for a whole goroutine dump of a busy go command (typically 20–200 KB).
const TAIL_BYTES = 1024 * 1024;

export class StderrRelay {
  bytes = 0;
  lastOutputAt = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  private closed = false;
  private readonly ended: Promise<void>;
  private stopWaiting: () => void = () => {};
  private readonly stopped = new Promise<void>((resolve) => (this.stopWaiting = resolve));

  constructor(private readonly source: Readable) {
    source.on('data', (chunk: Buffer) => this.relay(chunk));
    this.ended = new Promise((resolve) => {
      const end = () => ((this.closed = true), resolve());
      source.once('close', end);
      source.once('error', end);
    });
  }

  /** True when go's stderr reaches EOF within ms: no process still holds the pipe. */
  closesWithin(ms: number): Promise<boolean> {
    if (this.closed) return Promise.resolve(true);
    return Promise.race([this.ended.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref())]);
  }

  /** Ends a drained() wait now. */
  giveUp(): void {
    this.stopWaiting();
  }

  private relay(chunk: Buffer): void {
    // Our reader went away: close go's end too, so that go meets EPIPE (and SIGPIPE) as
    // it would have. Other failures (EIO, ENOSPC) go ignores on its own stderr: so do we.
    if (writeAllSync(2, chunk) === 'reader-gone') this.source.destroy();
    this.bytes += chunk.length;
    this.lastOutputAt = Date.now();
    this.tail.push(chunk);
    this.tailBytes += chunk.length;
    while (this.tailBytes - this.tail[0].length >= TAIL_BYTES) {
      this.tailBytes -= (this.tail.shift() as Buffer).length;
    }
  }

  /** What go wrote from byte offset `from` (a value of `bytes`) on, as far as the window still holds. */
  textSince(from: number): string {
    const held = Buffer.concat(this.tail);
    const start = Math.max(0, held.length - (this.bytes - from));
    return held.subarray(start).toString('utf8');
  }

  /** The last lines go printed on stderr. */
  tailLines(max: number): string[] {
    const lines = Buffer.concat(this.tail).toString('utf8').split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    return lines.slice(-max);
  }

  /**
   * Resolves at go's stderr EOF; or once nothing came for quietMs (a process that
   * escaped us holds the pipe), counted from now since go's last bytes may still be
   * unread; or after capMs at most; or on giveUp(). Time spent writing to a slow reader
   * is not quiet.
   */
  drained(quietMs: number, capMs: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    const since = Date.now();
    return new Promise((resolve) => {
      const timer = setInterval(() => {
        const now = Date.now();
        if (now - Math.max(since, this.lastOutputAt) >= quietMs || now - since >= capMs) done();
      }, Math.max(10, quietMs / 4));
      const done = () => (clearInterval(timer), resolve());
      void Promise.race([this.ended, this.stopped]).then(done);
    });
  }
}
