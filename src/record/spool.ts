// The run journal: one small append-only file per run, beside the database.
// Writing it costs a few syscalls, so a watched run never waits on SQLite
// (DESIGN.md: "nothing slow between go's exit and ours"). The store folds
// these files into the database (src/store/ingest.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeDirs } from './private-dir';
import type { RunEnd, RunStart } from './run-record';

export type SpoolEntry = { start: RunStart } | { end: RunEnd };

export function spoolFile(spoolDir: string, uuid: string): string {
  return path.join(spoolDir, `${uuid}.jsonl`);
}

/**
 * Appends one entry; the start creates the folder (0700) and file (0600), an end only
 * extends a journal that has its start. Throws on failure.
 */
export function appendSpool(spoolDir: string, uuid: string, entry: SpoolEntry): void {
  const file = spoolFile(spoolDir, uuid);
  const line = `${JSON.stringify(entry)}\n`;
  if (!('start' in entry)) {
    // No O_CREAT: an end alone is no record, and on a full disk it would leave an empty file.
    const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_APPEND);
    try {
      fs.writeSync(fd, line);
    } finally {
      fs.closeSync(fd);
    }
    return;
  }
  try {
    try {
      fs.writeFileSync(file, line, { flag: 'a', mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      makeDirs(spoolDir);
      fs.writeFileSync(file, line, { flag: 'a', mode: 0o600 });
    }
  } catch (err) {
    // On a full disk the file is created but the write fails: a journal without its start
    // would be skipped by every reader and never removed, so it goes now.
    removeQuietly(file);
    throw err;
  }
}

function removeQuietly(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // never created, or the folder is read-only: nothing to clean
  }
}

export interface SpooledRun {
  file: string;
  start: RunStart;
  end: RunEnd | null;
}

// A start or end that lacks what the database needs would fail every reader's ingest (and so
// every `gomod-shim history`) until removed by hand: it is read as absent instead.
const isStart = (s: Partial<RunStart> | undefined): s is RunStart =>
  typeof s?.uuid === 'string' &&
  typeof s.startedAt === 'string' &&
  typeof s.cwd === 'string' &&
  typeof s.subcommand === 'string' &&
  Array.isArray(s.argv);
const isEnd = (e: Partial<RunEnd> | undefined): e is RunEnd => typeof e?.endedAt === 'string' && typeof e.durationMs === 'number';

/** Parses a journal; a torn last line (a crash mid-write) is ignored. */
export function parseSpool(text: string): { start: RunStart | null; end: RunEnd | null } {
  let start: RunStart | null = null;
  let end: RunEnd | null = null;
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      const entry = JSON.parse(line) as Partial<{ start: Partial<RunStart>; end: Partial<RunEnd> }>;
      if (isStart(entry.start)) start = entry.start;
      if (isEnd(entry.end)) end = entry.end;
    } catch {
      // torn write: skip
    }
  }
  return { start, end };
}

export function readSpoolDir(spoolDir: string): SpooledRun[] {
  let names: string[];
  try {
    names = fs.readdirSync(spoolDir);
  } catch {
    return [];
  }
  const runs: SpooledRun[] = [];
  for (const name of names) {
    if (!name.endsWith('.jsonl')) continue;
    const file = path.join(spoolDir, name);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue; // removed by a concurrent reader
    }
    const { start, end } = parseSpool(text);
    if (start) runs.push({ file, start, end });
  }
  return runs;
}
