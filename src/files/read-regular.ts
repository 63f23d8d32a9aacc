// Reading one of our files (a run journal, the config file) without ever hanging or swallowing
// memory: O_NONBLOCK so that a FIFO planted at the path cannot block the open, fstat on the open
// descriptor so that only a regular file is read, and a cap on the bytes read (docs/contract.md,
// "History": a malformed journal never makes a reader fail).
import * as fs from 'node:fs';

export type ReadResult = { ok: true; text: string } | { ok: false; reason: 'missing' | 'symlink' | 'not-regular' | 'too-large' | 'unreadable'; detail: string };

export interface ReadOptions {
  maxBytes: number;
  /** A symlink is refused (journals) or followed (a config file kept in a dotfiles repository). */
  followSymlinks: boolean;
}

const { O_RDONLY, O_NOFOLLOW, O_NONBLOCK } = fs.constants;

function openFlags(followSymlinks: boolean): number {
  return O_RDONLY | O_NONBLOCK | (followSymlinks ? 0 : O_NOFOLLOW);
}

/** The file's text, or why it was not read. Never throws. */
export function readRegularFile(file: string, opts: ReadOptions): ReadResult {
  let fd: number;
  try {
    fd = fs.openSync(file, openFlags(opts.followSymlinks));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: 'missing', detail: code };
    if (code === 'ELOOP') return { ok: false, reason: 'symlink', detail: 'is a symbolic link' };
    return { ok: false, reason: 'unreadable', detail: code };
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { ok: false, reason: 'not-regular', detail: 'is not a regular file' };
    if (st.size > opts.maxBytes) return { ok: false, reason: 'too-large', detail: `is larger than ${opts.maxBytes} bytes` };
    // Read at most the cap, even if the file grows meanwhile.
    const buffer = Buffer.alloc(Math.min(st.size, opts.maxBytes) + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n) n = fs.readSync(fd, buffer, length, buffer.length - length, null);
    if (length > opts.maxBytes) return { ok: false, reason: 'too-large', detail: `is larger than ${opts.maxBytes} bytes` };
    return { ok: true, text: buffer.subarray(0, length).toString('utf8') };
  } catch (err) {
    return { ok: false, reason: 'unreadable', detail: (err as NodeJS.ErrnoException).code ?? (err as Error).message };
  } finally {
    fs.closeSync(fd);
  }
}
