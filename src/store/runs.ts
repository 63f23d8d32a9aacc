// Typed queries over the runs table. What goes in is redacted here (the journal's writer may be
// an older version, or the front); what comes out is checked row by row (row-shape.ts).
import { commandOf, type RunEnd, type RunStart } from '../record/run-record';
import { redactArgv, redactText } from '../redact';
import type { Db } from './database';
import { type RunRow, toHistoryItem } from './row-shape';

export interface HistoryItem {
  id: number;
  uuid: string;
  status: 'running' | 'finished' | 'lost';
  started_at: string;
  ended_at: string | null;
  duration_ms: number | null;
  cwd: string;
  module: string | null;
  subcommand: string;
  argv: string[];
  exit_code: number | null;
  signal: string | null;
  hung: boolean;
  cause: string | null;
  summary: string | null;
  go_pid: number | null;
  /** go's command as people name it: "mod download", "build" (null in runs of older versions). */
  command: string | null;
  /** The longest quiet spell of the run, hung or not. */
  longest_idle_ms: number | null;
  /** The hang limit that applied, and why ("GOMODSHIM_HANG_AFTER=60s (env)", "auto — …"). */
  hang_limit_ms: number | null;
  hang_limit_reason: string | null;
  /** The program that ran go ("gopls", "make", "bash"), or null (unknown, or runs of older versions). */
  caller: string | null;
}

/** Called for each row that cannot be read (see row-shape.ts): it is left out of the answer. */
export type OnBadRow = (id: unknown, problem: string) => void;

function items(rows: RunRow[], onBad: OnBadRow): HistoryItem[] {
  const out: HistoryItem[] = [];
  for (const row of rows) {
    const item = toHistoryItem(row);
    if ('problem' in item) onBad(row.id, item.problem);
    else out.push(item);
  }
  return out;
}

const COLUMNS = `id, uuid, status, started_at, ended_at, duration_ms, cwd, module, subcommand, argv,
                 exit_code, signal, hung, cause, summary, go_pid,
                 command, longest_idle_ms, hang_limit_ms, hang_limit_reason, caller`;

/** Inserts the start of a run unless it is already there; returns its id. */
export function insertRunStart(db: Db, start: RunStart): number {
  db.prepare(
    `INSERT INTO runs (uuid, started_at, cwd, module, subcommand, command, argv, supervisor_pid, supervisor_start_time,
                       go_pid, real_go, caller)
     VALUES (@uuid, @startedAt, @cwd, @module, @subcommand, @command, @argv, @supervisorPid, @supervisorStartTime,
             @goPid, @realGo, @caller)
     ON CONFLICT (uuid) DO NOTHING`,
  ).run({
    ...start,
    cwd: redactText(start.cwd),
    module: start.module === null ? null : redactText(start.module),
    realGo: redactText(start.realGo),
    command: commandOf(start.argv),
    argv: JSON.stringify(redactArgv(start.argv)),
    supervisorStartTime: start.supervisorStartTime ?? null,
    caller: start.caller ?? null,
  });
  const row = db.prepare('SELECT id FROM runs WHERE uuid = ?').get(start.uuid) as { id: number };
  return row.id;
}

export function completeRun(db: Db, uuid: string, end: RunEnd): void {
  db.prepare(
    `UPDATE runs SET status = 'finished', ended_at = @endedAt, duration_ms = @durationMs,
            exit_code = @exitCode, signal = @signal, hung = MAX(hung, @hung),
            longest_idle_ms = @longestIdleMs, hang_limit_ms = @hangLimitMs, hang_limit_reason = @hangLimitReason
     WHERE uuid = @uuid`,
  ).run({
    // Journals written by older versions have none of these.
    longestIdleMs: null,
    hangLimitMs: null,
    ...end,
    hangLimitReason: end.hangLimitReason === undefined ? null : redactText(end.hangLimitReason),
    hung: end.hung ? 1 : 0,
    uuid,
  });
}

/**
 * The longest quiet spell of each recent successful run of one command in one module (module
 * null: outside any module), newest first: what GOMODSHIM_HANG_AFTER=auto learns from.
 * Successful: finished with exit 0 — a run called hung in observe mode that then succeeded counts.
 */
export function quietSpells(db: Db, module: string | null, command: string, limit: number): number[] {
  const rows = db
    .prepare(
      `SELECT longest_idle_ms AS ms FROM runs
       WHERE module IS @module AND command = @command AND status = 'finished' AND exit_code = 0
         AND signal IS NULL AND longest_idle_ms IS NOT NULL
       ORDER BY started_at DESC LIMIT @limit`,
    )
    .all({ module, command, limit }) as { ms: number }[];
  return rows.map((r) => r.ms);
}

/** A run whose supervisor died without recording the end (killed, crashed, power loss). */
export function markRunLost(db: Db, uuid: string): void {
  db.prepare(`UPDATE runs SET status = 'lost' WHERE uuid = ? AND status = 'running'`).run(uuid);
}

export interface HistoryQuery {
  hungOnly: boolean;
  limit: number;
  since?: string; // ISO 8601
  cwd?: string;
  module?: string;
  cause?: string;
  caller?: string;
}

export function listRuns(db: Db, q: HistoryQuery, onBad: OnBadRow): HistoryItem[] {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: q.limit };
  if (q.hungOnly) where.push('hung = 1');
  const filters: [keyof HistoryQuery, string][] = [
    ['since', 'started_at >= @since'],
    ['cwd', 'cwd = @cwd'],
    ['module', 'module = @module'],
    ['cause', 'cause = @cause'],
    ['caller', 'caller = @caller'],
  ];
  for (const [key, clause] of filters) {
    if (!q[key]) continue;
    where.push(clause);
    params[key] = q[key];
  }
  const sql = `SELECT ${COLUMNS} FROM runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
               ORDER BY started_at DESC, id DESC LIMIT @limit`;
  return items(db.prepare(sql).all(params) as RunRow[], onBad);
}

export function getRun(db: Db, id: number, onBad: OnBadRow): HistoryItem | null {
  const row = db.prepare(`SELECT ${COLUMNS} FROM runs WHERE id = ?`).get(id) as RunRow | undefined;
  return row ? (items([row], onBad)[0] ?? null) : null;
}
