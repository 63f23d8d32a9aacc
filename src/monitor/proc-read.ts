// Reads under /proc that never throw: a process may end between any two reads, and one that is
// gone (or not ours to read) reads as nothing.
import * as fs from 'node:fs';

export function readProcText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'latin1');
  } catch {
    return null;
  }
}

export function listProcDir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}
