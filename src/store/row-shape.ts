// The one mapping from a runs row to a HistoryItem, checked field by field: SQLite keeps whatever
// was written (an older version, a hand edit, a disk error), and one bad row must not break a
// reader. A row that fails is set aside (docs/contract.md, "History") with the reason why.
import { isStringList } from '../record/journal-shape';
import type { HistoryItem } from './runs';

export type RunRow = Record<string, unknown>;

const STATUSES = new Set(['running', 'finished', 'lost']);
const TEXT = ['uuid', 'started_at', 'cwd', 'subcommand'] as const;
const TEXT_OR_NULL = ['ended_at', 'module', 'signal', 'cause', 'summary', 'command', 'hang_limit_reason', 'caller'] as const;
const NUMBER_OR_NULL = ['duration_ms', 'exit_code', 'go_pid', 'longest_idle_ms', 'hang_limit_ms'] as const;

function parseArgv(text: unknown): string[] | null {
  if (typeof text !== 'string') return null;
  try {
    const argv: unknown = JSON.parse(text);
    return isStringList(argv) ? argv : null;
  } catch {
    return null;
  }
}

/** The item, or why the row cannot be one. */
export function toHistoryItem(row: RunRow): HistoryItem | { problem: string } {
  if (typeof row.id !== 'number') return { problem: 'id is not a number' };
  for (const k of TEXT) if (typeof row[k] !== 'string') return { problem: `${k} is not text` };
  for (const k of TEXT_OR_NULL) if (row[k] !== null && typeof row[k] !== 'string') return { problem: `${k} is not text` };
  for (const k of NUMBER_OR_NULL) if (row[k] !== null && typeof row[k] !== 'number') return { problem: `${k} is not a number` };
  if (!STATUSES.has(row.status as string)) return { problem: 'status is not running, finished or lost' };
  if (!Number.isFinite(Date.parse(row.started_at as string))) return { problem: 'started_at is not a date' };
  const argv = parseArgv(row.argv);
  if (!argv) return { problem: 'argv is not a JSON list of strings' };
  return {
    id: row.id,
    uuid: row.uuid as string,
    status: row.status as HistoryItem['status'],
    started_at: row.started_at as string,
    ended_at: row.ended_at as string | null,
    duration_ms: row.duration_ms as number | null,
    cwd: row.cwd as string,
    module: row.module as string | null,
    subcommand: row.subcommand as string,
    argv,
    exit_code: row.exit_code as number | null,
    signal: row.signal as string | null,
    hung: row.hung === 1,
    cause: row.cause as string | null,
    summary: row.summary as string | null,
    go_pid: row.go_pid as number | null,
    command: row.command as string | null,
    longest_idle_ms: row.longest_idle_ms as number | null,
    hang_limit_ms: row.hang_limit_ms as number | null,
    hang_limit_reason: row.hang_limit_reason as string | null,
    caller: row.caller as string | null,
  };
}
