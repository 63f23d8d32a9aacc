// go's stderr passes through us byte for byte (we need it for hang detection and the
// goroutine dump); stdout stays inherited, see README "Streams".
import type { Readable } from 'node:stream';

// Enough for a whole goroutine dump of a busy go command (typically 20–200 KB).
const TAIL_BYTES = 1024 * 1024;

export class StderrRelay {
  bytes = 0;
  lastOutputAt = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  private ended: Promise<void>;

  constructor(private readonly source: Readable) {
    process.stderr.on('error', () => {
      // Our reader went away (EPIPE): close go's pipe too, so go sees EPIPE as it would.
      source.destroy();
    });
    source.on('data', (chunk: Buffer) => this.relay(chunk));
    this.ended = new Promise((resolve) => {
      source.once('close', resolve);
      source.once('error', () => resolve());
    });
  }

  private relay(chunk: Buffer): void {
    process.stderr.write(chunk);
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

  /** Resolves when go's stderr reaches EOF, or after waitMs (a leftover may hold the pipe). */
  drained(waitMs: number): Promise<void> {
    return Promise.race([this.ended, new Promise<void>((r) => setTimeout(r, waitMs).unref())]);
  }
}
