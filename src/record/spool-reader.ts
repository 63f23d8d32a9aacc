// Reading the journal folder so that no file in it can break or stall a reader: each journal is
// read only if it is a regular file under the size cap (a FIFO, a symlink, a 300 MB file are
// never opened for reading), and one that holds no valid start is moved to `quarantine/`, named
// once in the command's warning, and everything else is read (docs/contract.md, "History").
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureOwnDir } from '../files/own-dir';
import { readRegularFile } from '../files/read-regular';
import { parseJournal, type SpooledRun } from './spool';

/** A journal holds two short JSON lines; even a go call with a huge argv stays far below this. */
export const JOURNAL_MAX_BYTES = 1024 * 1024;
/** A journal without a start line younger than this may still be being written. */
export const STARTLESS_GRACE_MS = 60_000;
export const QUARANTINE = 'quarantine';

export interface SpoolReading {
  runs: SpooledRun[];
  /** Journals set aside, each as `name (why)`. */
  setAside: string[];
}

function quarantine(spoolDir: string, name: string): void {
  try {
    const dir = path.join(spoolDir, QUARANTINE);
    ensureOwnDir(dir);
    fs.renameSync(path.join(spoolDir, name), path.join(dir, name));
  } catch {
    // a read-only folder: it stays, and is named again next time
  }
}

function isRecent(file: string, now: number): boolean {
  try {
    return now - fs.lstatSync(file).mtimeMs < STARTLESS_GRACE_MS;
  } catch {
    return false;
  }
}

export function readSpoolDir(spoolDir: string, now = Date.now()): SpoolReading {
  const reading: SpoolReading = { runs: [], setAside: [] };
  let names: string[];
  try {
    names = fs.readdirSync(spoolDir);
  } catch {
    return reading;
  }
  const setAside = (name: string, why: string) => {
    quarantine(spoolDir, name);
    reading.setAside.push(`${name} (${why})`);
  };
  for (const name of names.sort()) {
    if (!name.endsWith('.jsonl')) continue;
    const file = path.join(spoolDir, name);
    const read = readRegularFile(file, { maxBytes: JOURNAL_MAX_BYTES, followSymlinks: false });
    if (!read.ok) {
      if (read.reason !== 'missing') setAside(name, read.detail); // 'missing': folded in by a concurrent reader
      continue;
    }
    const { start, end, badLines } = parseJournal(read.text);
    if (start) reading.runs.push({ file, start, end });
    else if (badLines > 0) setAside(name, 'no valid start line');
    else if (!isRecent(file, now)) setAside(name, 'empty or torn');
  }
  return reading;
}
