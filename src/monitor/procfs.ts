// Pure parsers for Linux procfs texts (proc(5)). No I/O here: see process-table.ts.

export interface ProcStat {
  pid: number;
  comm: string;
  state: string;
  ppid: number;
  pgrp: number;
  session: number;
  /** user + system CPU, in clock ticks */
  cpuTicks: number;
  /** user + system CPU of its children it has waited for (cutime + cstime), in clock ticks */
  reapedTicks?: number;
  /** since boot, in clock ticks: with pid, identifies a process across pid reuse */
  startTime: number;
}

/** /proc/PID/stat. comm may hold spaces and parentheses, so split after the last ')'. */
export function parseStat(text: string): ProcStat | null {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const f = text
    .slice(close + 2)
    .trim()
    .split(' ');
  // f[0] is field 3 (state); field n is f[n - 3].
  if (f.length < 20) return null;
  return {
    pid: Number(text.slice(0, open).trim()),
    comm: text.slice(open + 1, close),
    state: f[0],
    ppid: Number(f[1]),
    pgrp: Number(f[2]),
    session: Number(f[3]),
    cpuTicks: Number(f[11]) + Number(f[12]),
    reapedTicks: Number(f[13]) + Number(f[14]),
    startTime: Number(f[19]),
  };
}

export interface ProcIo {
  rchar: number;
  wchar: number;
}

/** /proc/PID/io: "rchar: 123\nwchar: 456\n…". */
export function parseIo(text: string): ProcIo | null {
  const rchar = /^rchar:\s*(\d+)/m.exec(text);
  const wchar = /^wchar:\s*(\d+)/m.exec(text);
  if (!rchar || !wchar) return null;
  return { rchar: Number(rchar[1]), wchar: Number(wchar[1]) };
}

/** /proc/PID/cmdline: NUL-separated arguments. */
export function parseCmdline(text: string): string[] {
  const parts = text.split('\0');
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}
