// The Go toolchain process to SIGQUIT: usually the supervisor's child, but asdf- or mise-style
// wrappers may sit in between. A GOTOOLCHAIN switch execs in place, so the pid holds.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { descendantsOf, type ProcessTable } from './process-table';

function isGoBinary(pid: number, comm: string): boolean {
  if (comm === 'go') return true;
  try {
    return path.basename(fs.readlinkSync(`/proc/${pid}/exe`)) === 'go';
  } catch {
    return false;
  }
}

/** The topmost go binary at or below childPid; childPid itself when none is found. */
export function findGoToolchainPid(table: ProcessTable, childPid: number): number {
  const child = table.get(childPid);
  if (child && isGoBinary(childPid, child.comm)) return childPid;
  const found = descendantsOf(table, childPid).find((p) => isGoBinary(p.pid, p.comm));
  return found ? found.pid : childPid;
}
