// Pure readers for a process's open descriptors (proc(5)): what `readlink /proc/PID/fd/N` says
// and the access mode in /proc/PID/fdinfo/N. The wait chain follows pipes and sockets by inode.

export type FdTarget =
  | { kind: 'pipe'; inode: number }
  | { kind: 'socket'; inode: number }
  | { kind: 'tty'; path: string }
  | { kind: 'file'; path: string }
  | { kind: 'other'; text: string };

const TTY = /^\/dev\/(pts\/\d+|tty\w*|console)$/;

/** "pipe:[12385]" → a pipe, "/dev/pts/3" → a tty, "/x/y" → a file, anything else → other. */
export function parseFdLink(link: string): FdTarget {
  const m = /^(pipe|socket):\[(\d+)\]$/.exec(link);
  if (m) return { kind: m[1] as 'pipe' | 'socket', inode: Number(m[2]) };
  if (TTY.test(link)) return { kind: 'tty', path: link };
  if (link.startsWith('/')) return { kind: 'file', path: link };
  return { kind: 'other', text: link };
}

export type FdAccess = 'read' | 'write' | 'readwrite';

/** The open mode from /proc/PID/fdinfo/N's octal "flags:" (O_ACCMODE = 3). */
export function parseFdinfoAccess(text: string): FdAccess | null {
  const m = /^flags:\s*([0-7]+)/m.exec(text);
  if (!m) return null;
  const mode = parseInt(m[1], 8) & 3;
  return mode === 0 ? 'read' : mode === 1 ? 'write' : 'readwrite';
}

/** "fd -> target" lines (as captured with ls -l) → fd number → target. For fixtures and tests. */
export function parseFdListing(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^(\d+) -> (.+)$/.exec(line.trim());
    if (m) out.set(m[1], m[2]);
  }
  return out;
}
