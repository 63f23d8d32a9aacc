// A hang inside GitHub Actions: besides the hang line, an `::error` workflow command (an
// annotation on the job) and the markdown report appended to the job summary
// (GITHUB_STEP_SUMMARY), where people look when a job failed. Nothing happens elsewhere.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions
import * as fs from 'node:fs';
import { version } from '../../package.json';
import { markdownReport } from '../commands/markdown-report';
import { commandOf, type RunStart } from '../record/run-record';
import { redactText } from '../redact';
import type { Snapshot } from '../snapshot/snapshot';
import type { HistoryItem, HistoryStore } from '../store/store';

/** A workflow command's message: %, CR and LF would end or break the command. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: also : and , which separate properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::error title=…::message`, one line. */
export function errorCommand(title: string, message: string): string {
  return `::error title=${escapeProperty(title)}::${escapeData(message)}`;
}

/** The annotation for a hang: what hung, why, what to try, where the rest is. */
export function hangAnnotation(snapshot: Snapshot, runId: number | null, inSummary: boolean): string {
  const { summary, suggestions } = snapshot.diagnosis;
  const lines = [summary, ...suggestions.map((s) => `Try: ${s}`)];
  if (inSummary) lines.push('The full report is in the job summary.');
  if (runId !== null) lines.push(`Saved as run #${runId} (gomod-shim show ${runId}).`);
  return redactText(errorCommand(`gomod-shim: go ${commandOf(snapshot.command)} hung`, lines.join('\n')));
}

/**
 * Appends text to the job summary file: never through a symlink, never to a FIFO or a
 * device (O_NONBLOCK: opening a FIFO must not wait for a reader). Returns whether it did.
 */
export function appendToSummary(file: string, text: string): boolean {
  const { O_WRONLY, O_APPEND, O_CREAT, O_NOFOLLOW, O_NONBLOCK } = fs.constants;
  let fd: number;
  try {
    fd = fs.openSync(file, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_NONBLOCK, 0o600);
  } catch {
    return false;
  }
  try {
    if (!fs.fstatSync(fd).isFile()) return false;
    fs.writeSync(fd, text.endsWith('\n') ? text : `${text}\n`);
    return true;
  } catch {
    return false;
  } finally {
    fs.closeSync(fd);
  }
}

/** The run as `show` would list it; from the start alone when the history cannot say. */
function runItem(store: HistoryStore | null, runId: number | null, start: RunStart, snapshot: Snapshot): HistoryItem {
  try {
    const stored = store && runId !== null ? store.get(runId) : null;
    if (stored) return stored;
  } catch {
    // the history is unusable: the report is still worth having
  }
  const { cause, summary } = snapshot.diagnosis;
  return {
    id: runId ?? 0,
    uuid: start.uuid,
    status: 'running',
    started_at: start.startedAt,
    ended_at: null,
    duration_ms: null,
    cwd: start.cwd,
    module: start.module,
    subcommand: start.subcommand,
    argv: start.argv,
    exit_code: null,
    signal: null,
    hung: true,
    cause,
    summary,
    go_pid: start.goPid,
    command: commandOf(start.argv),
    longest_idle_ms: null,
    hang_limit_ms: snapshot.hang_after_ms,
    hang_limit_reason: null,
    caller: start.caller ?? null,
  };
}

export interface HangForGitHub {
  snapshot: Snapshot;
  store: HistoryStore | null;
  runId: number | null;
  start: RunStart;
  /** The writer of the hang line, so that the annotation lands in order on the same stderr. */
  say: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}

/** Inside GitHub Actions: the job summary gets the report, stderr the annotation. Never throws. */
export function reportHangToGitHub(hang: HangForGitHub): void {
  const env = hang.env ?? process.env;
  if (env.GITHUB_ACTIONS !== 'true') return;
  let inSummary = false;
  try {
    const file = env.GITHUB_STEP_SUMMARY;
    if (file) inSummary = appendToSummary(file, markdownReport(runItem(hang.store, hang.runId, hang.start, hang.snapshot), hang.snapshot, version));
  } catch {
    // a report that cannot be written must not cost the annotation
  }
  hang.say(hangAnnotation(hang.snapshot, hang.runId, inSummary));
}
