// Which file a /proc/locks entry is about, seen from a process that has it open: /proc/locks
// names files only by device and inode, the process's fd links give the path.
import * as fs from 'node:fs';

/** glibc's gnu_dev_major/minor: /proc/locks names files by major:minor:inode. */
export function lockFileId(dev: number, ino: number): string {
  const major = ((dev >>> 8) & 0xfff) | (Math.floor(dev / 2 ** 32) & ~0xfff);
  const minor = (dev & 0xff) | ((dev >>> 12) & ~0xff & 0xfffff);
  return `${major}:${minor}:${ino}`;
}

/** The path of the file with that lock id among pid's open files, or null (gone, or not readable). */
export function lockedFileOf(pid: number, fileId: string): string | null {
  let fds: string[];
  try {
    fds = fs.readdirSync(`/proc/${pid}/fd`);
  } catch {
    return null;
  }
  for (const fd of fds) {
    try {
      const st = fs.statSync(`/proc/${pid}/fd/${fd}`);
      if (lockFileId(st.dev, st.ino) === fileId) return fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      // closed meanwhile
    }
  }
  return null;
}
