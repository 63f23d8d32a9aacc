// Parser for /proc/net/unix (proc(5)): inode → the path a unix socket is bound to, if any.
// A connected client has no path of its own; the listener and its accepted ends carry it.

export interface UnixSocket {
  inode: number;
  path: string | null;
  listening: boolean;
}

export function parseNetUnix(text: string): UnixSocket[] {
  const out: UnixSocket[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 7) continue;
    const flags = parseInt(f[3], 16);
    out.push({ inode: Number(f[6]), path: f[7] ?? null, listening: (flags & 0x10000) !== 0 });
  }
  return out;
}
