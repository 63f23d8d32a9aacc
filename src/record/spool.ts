// The run journal: one small append-only file per run, beside the database
// (docs/front-protocol.md, "The run journal"). Writing it costs a few syscalls, so a watched run
// never waits on SQLite. The store folds these files into the database (src/store/ingest.ts);
// reading a whole folder of them is src/record/spool-reader.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureOwnDir } from '../files/own-dir';
import { isRunEnd, isRunStart } from './journal-shape';
import type { RunEnd, RunStart } from './run-record';

export type SpoolEntry = { start: RunStart } | { end: RunEnd };

export function spoolFile(spoolDir: string, uuid: string): string {
  return path.join(spoolDir, `${uuid}.jsonl`);
}

const { O_WRONLY, O_APPEND, O_CREAT, O_EXCL, O_NOFOLLOW, O_NONBLOCK } = fs.constants;

/**
 * Appends one entry. The start creates the file (0600, never through a symlink, never an existing
 * file) in a folder of ours (0700); an end only extends a regular journal that has its start.
 * Throws on failure.
 */
export function appendSpool(spoolDir: string, uuid: string, entry: SpoolEntry): void {
  const file = spoolFile(spoolDir, uuid);
  const line = `${JSON.stringify(entry)}\n`;
  if (!('start' in entry)) {
    // No O_CREAT: an end alone is no record, and on a full disk it would leave an empty file.
    const fd = fs.openSync(file, O_WRONLY | O_APPEND | O_NOFOLLOW | O_NONBLOCK);
    try {
      if (!fs.fstatSync(fd).isFile()) throw Object.assign(new Error(`${file} is not a regular file`), { code: 'EINVAL' });
      fs.writeSync(fd, line);
    } finally {
      fs.closeSync(fd);
    }
    return;
  }
  ensureOwnDir(path.dirname(spoolDir));
  ensureOwnDir(spoolDir);
  const fd = fs.openSync(file, O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600);
  try {
    fs.writeSync(fd, line);
  } catch (err) {
    // On a full disk the file is created but the write fails: a journal without its start
    // would be set aside by every reader, so it goes now.
    removeQuietly(file);
    throw err;
  } finally {
    fs.closeSync(fd);
  }
}

function removeQuietly(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // already gone
  }
}

export interface SpooledRun {
  file: string;
  start: RunStart;
  end: RunEnd | null;
}

export interface ParsedJournal {
  start: RunStart | null;
  end: RunEnd | null;
  /** Complete lines (ending in a newline) that are not a valid start or end. */
  badLines: number;
}

/** Parses a journal; a torn last line (a crash mid-write) is ignored, not counted as bad. */
export function parseJournal(text: string): ParsedJournal {
  let start: RunStart | null = null;
  let end: RunEnd | null = null;
  let badLines = 0;
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (!line) return;
    const complete = i < lines.length - 1;
    let entry: unknown = null;
    try {
      entry = JSON.parse(line);
    } catch {
      // torn (or garbage): judged below
    }
    const e = entry as { start?: unknown; end?: unknown } | null;
    if (e !== null && typeof e === 'object' && isRunStart(e.start)) start = e.start;
    else if (e !== null && typeof e === 'object' && isRunEnd(e.end)) end = e.end;
    else if (complete) badLines++;
  });
  return { start, end, badLines };
}

/** The start and end of a journal's text (see parseJournal). */
export function parseSpool(text: string): { start: RunStart | null; end: RunEnd | null } {
  const { start, end } = parseJournal(text);
  return { start, end };
}
