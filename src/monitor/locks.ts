// Parser for /proc/locks (proc(5)). A holder line, then its waiters marked "->":
//   1: FLOCK  ADVISORY  WRITE 6735 fe:00:2147172 0 EOF
//   1: -> FLOCK  ADVISORY  WRITE 6736 fe:00:2147172 0 EOF

export interface FileLock {
  id: number; // the lock's number: a waiter shares its holder's
  waiting: boolean;
  kind: string; // FLOCK, POSIX, OFDLCK, LEASE
  access: string; // READ, WRITE
  pid: number; // -1 for OFD locks, which belong to no process
  /** "major:minor:inode", device numbers in decimal, to match stat() of a file */
  fileId: string;
}

export function parseLocks(text: string): FileLock[] {
  const locks: FileLock[] = [];
  for (const line of text.split('\n')) {
    const m = /^(\d+):\s+(->\s+)?(\S+)\s+\S+\s+(\S+)\s+(-?\d+)\s+([0-9a-f]+):([0-9a-f]+):(\d+)\s/.exec(line);
    if (!m) continue;
    locks.push({
      id: Number(m[1]),
      waiting: m[2] !== undefined,
      kind: m[3],
      access: m[4],
      pid: Number(m[5]),
      fileId: `${parseInt(m[6], 16)}:${parseInt(m[7], 16)}:${m[8]}`,
    });
  }
  return locks;
}
