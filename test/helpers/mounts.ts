// Real broken filesystems for fail-open tests. Tests run as root, for whom chmod does not
// make a folder read-only, so these use mount(8): a read-only bind mount and a tiny tmpfs.
// Every mount made here must be undone with unmount() in a `finally`.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

function mount(args: string[]): void {
  const r = spawnSync('mount', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mount ${args.join(' ')} failed (these tests need root with mount rights): ${r.stderr.trim()}`);
}

/** Makes dir read-only in place (a read-only bind mount of itself). */
export function mountReadOnly(dir: string): void {
  mount(['--bind', dir, dir]);
  try {
    mount(['-o', 'remount,ro,bind', dir]);
  } catch (err) {
    unmount(dir); // do not leave a writable bind mount behind
    throw err;
  }
}

/** Mounts a tmpfs of sizeKb kilobytes at dir (created if missing). */
export function mountTmpfs(dir: string, sizeKb: number): void {
  fs.mkdirSync(dir, { recursive: true });
  mount(['-t', 'tmpfs', '-o', `size=${sizeKb}k,mode=0700`, 'tmpfs', dir]);
}

/** Undoes one mount at dir; a busy mount is detached lazily rather than left in place. */
export function unmount(dir: string): void {
  const r = spawnSync('umount', [dir], { encoding: 'utf8' });
  if (r.status === 0) return;
  const lazy = spawnSync('umount', ['-l', dir], { encoding: 'utf8' });
  if (lazy.status !== 0) throw new Error(`umount ${dir} failed: ${r.stderr.trim()} / ${lazy.stderr.trim()}`);
}

/** Fills the filesystem holding dir until writes fail with ENOSPC. */
export function fillDisk(dir: string): void {
  const fd = fs.openSync(path.join(dir, 'filler'), 'w');
  const block = Buffer.alloc(4096);
  try {
    for (;;) fs.writeSync(fd, block);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    fs.closeSync(fd);
  }
}
