// Where the supervisor's time goes, from inside: a preload (node -r) that timestamps
// the phases of one run against performance.timeOrigin (process start) and appends
// them as one JSON line to TIMELINE_OUT. It hooks module exports the bundle calls
// through (child_process.spawn, fs.readdirSync, fs.writeFileSync), so dist/ is untouched.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { summarize } from './stats';
import type { Command } from './timing';

const PRELOAD = String.raw`
const { performance } = require('perf_hooks');
const fs = require('fs');
const cp = require('child_process');
const marks = { preload: performance.now() };
const mark = (k) => { if (!(k in marks)) marks[k] = performance.now(); };
const spawn = cp.spawn;
cp.spawn = function (...args) {
  mark('spawnCall');
  const child = spawn.apply(this, args);
  mark('spawnReturn');
  process.nextTick(() => mark('syncDone')); // runs once the main script's sync code is done
  child.once('exit', () => mark('goExitEvent'));
  return child;
};
const readdirSync = fs.readdirSync;
fs.readdirSync = function (p, ...rest) {
  if (p === '/proc') mark('procScanStart');
  return readdirSync.call(this, p, ...rest);
};
const writeFileSync = fs.writeFileSync;
fs.writeFileSync = function (file, ...rest) {
  const journal = typeof file === 'string' && file.endsWith('.jsonl');
  const before = performance.now();
  try { return writeFileSync.call(this, file, ...rest); } finally {
    if (journal) { marks.journalWrites = (marks.journalWrites || 0) + (performance.now() - before); marks.lastJournalWrite = performance.now(); }
  }
};
process.on('exit', () => {
  mark('exitEvent');
  marks.bootstrapComplete = performance.nodeTiming.bootstrapComplete;
  fs.appendFileSync(process.env.TIMELINE_OUT, JSON.stringify(marks) + '\n');
});
`;

/** Phases: [label, from mark, to mark]; performance.timeOrigin ≈ process start is 0. */
const PHASES: [string, string, string][] = [
  ['node bootstrap (timeOrigin → preload)', 'zero', 'preload'],
  ['bundle load + top level, until spawn()', 'preload', 'spawnCall'],
  ['spawn() call itself', 'spawnCall', 'spawnReturn'],
  ['sync work after spawn (go runs meanwhile)', 'spawnReturn', 'syncDone'],
  ['sync work done → go exit event', 'syncDone', 'goExitEvent'],
  ['go running, as seen by the exit event', 'spawnReturn', 'goExitEvent'],
  ['exit event → /proc scan start', 'goExitEvent', 'procScanStart'],
  ['/proc scan (end survivors) → end journal written', 'procScanStart', 'lastJournalWrite'],
  ['end journal written → exit event', 'lastJournalWrite', 'exitEvent'],
  ['whole run inside node (timeOrigin → exit event)', 'zero', 'exitEvent'],
];

export function writePreload(dir: string): string {
  const file = path.join(dir, 'timeline-preload.js');
  fs.writeFileSync(file, PRELOAD);
  return file;
}

/** Runs `node -r preload script args` n times; returns the phase table (medians, ms). */
export function timeline(preload: string, node: string, script: string, cmd: Command, n: number): string[] {
  const out = path.join(path.dirname(preload), `timeline-${path.basename(script)}.jsonl`);
  fs.rmSync(out, { force: true });
  for (let i = 0; i < n; i++) {
    spawnSync(node, ['-r', preload, script, cmd.file, ...cmd.args], { cwd: cmd.cwd, env: { ...cmd.env, TIMELINE_OUT: out }, stdio: 'ignore' });
  }
  const runs = fs
    .readFileSync(out, 'utf8')
    .trim()
    .split('\n')
    .map((l): Record<string, number> => ({ zero: 0, ...(JSON.parse(l) as Record<string, number>) }));
  const lines: string[] = [];
  for (const [label, from, to] of PHASES) {
    const xs = runs.filter((r) => from in r && to in r).map((r) => r[to] - r[from]);
    if (xs.length > 0) lines.push(`  ${label.padEnd(52)} ${summarize(xs).median.toFixed(2).padStart(6)} ms`);
  }
  const writes = runs.filter((r) => 'journalWrites' in r).map((r) => r.journalWrites);
  if (writes.length > 0) lines.push(`  ${'of which: both journal writes'.padEnd(52)} ${summarize(writes).median.toFixed(2).padStart(6)} ms`);
  lines.push(`  (bootstrapComplete per node: ${summarize(runs.map((r) => r.bootstrapComplete)).median.toFixed(2)} ms; ${runs.length} runs)`);
  return lines;
}
