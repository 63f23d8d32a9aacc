// Is a run still going? Its front (or supervisor) must be alive AND be the same process that
// wrote the journal: a pid is reused, its start time (field 22 of /proc/PID/stat, clock ticks
// since boot) is not (docs/front-protocol.md, supervisorStartTime).
import * as fs from 'node:fs';

/** Field 22 of /proc/PID/stat, or null without /proc (or when the process is gone). */
export function processStartTime(pid: number): number | null {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return null;
  }
  // The name (field 2) may hold spaces and parentheses: count fields after the LAST ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[22 - 3]);
  return Number.isSafeInteger(ticks) ? ticks : null;
}

function pidExists(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** startTime 0/null/absent (no /proc where the run started): the pid alone decides. */
export function isRunAlive(pid: number, startTime?: number | null): boolean {
  if (!pidExists(pid)) return false;
  if (!startTime) return true;
  const now = processStartTime(pid);
  return now === null ? true : now === startTime;
}
