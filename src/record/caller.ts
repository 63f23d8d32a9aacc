// Who ran go: the name of a process (its /proc/PID/comm, at most 15 bytes: "gopls", "make",
// "bash", "code"), recorded with each run so that `history --caller gopls` can find an
// editor's runs among a person's (docs/front-protocol.md, the start line's `caller`).
import * as fs from 'node:fs';

/** The program name of pid, or null where it cannot be read (no /proc, the process is gone). */
export function programName(pid: number, procRoot = '/proc'): string | null {
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    const name = fs.readFileSync(`${procRoot}/${pid}/comm`, 'utf8').replace(/\n$/, '');
    return name === '' ? null : name;
  } catch {
    return null;
  }
}
