// The queries behind `gomod-shim stats`: SQLite counts and groups (the runs table may hold
// 100 000 rows); src/stats/summarise.ts turns these few grouped rows into the numbers shown.
import type { BucketUnit, TimelinePlan } from '../stats/buckets';
import type { Db } from './database';

export interface TotalsRow {
  runs: number;
  hangs: number;
  first_started_at: string | null;
}

export interface CauseRow {
  cause: string;
  hangs: number;
}

/** One remote endpoint a hung run was involved with: an open socket of go or a child, or a probe. */
export interface EndpointRow {
  run_id: number;
  kind: 'socket' | 'probe';
  endpoint: string;
  role: string | null;
  /** the IP address a probe connected to (to match a socket's remote to the probe's host name) */
  address: string | null;
  ok: number | null;
}

export interface ModuleRow {
  module: string | null;
  runs: number;
  hangs: number;
}

export interface CommandRow {
  shape: string;
  runs: number;
  hangs: number;
  /** runs that finished on their own (not hung): the ones median and max are over */
  timed: number;
  median_ms: number | null;
  max_ms: number | null;
}

export interface BucketRow {
  bucket: string;
  runs: number;
  hangs: number;
}

export interface StatsRows {
  totals: TotalsRow;
  unit: BucketUnit;
  causes: CauseRow[];
  endpoints: EndpointRow[];
  modules: ModuleRow[];
  commands: CommandRow[];
  buckets: BucketRow[];
}

const SINCE = `(@since IS NULL OR started_at >= @since)`;

// A malformed row (set aside by every reader, see row-shape.ts) must not fail SQLite's JSON
// functions for the whole query: its JSON reads as empty.
const ARGV = `(CASE WHEN json_valid(argv) AND json_type(argv) = 'array' THEN argv ELSE '[]' END)`;
const obj = (value: string, type: string) => `(CASE WHEN ${type} = 'object' THEN ${value} ELSE '{}' END)`;

// go's subcommand sits at argv[0], or after -C dir (run-record.ts subcommandOf).
const SUB_INDEX = `(CASE WHEN json_extract(${ARGV}, '$[0]') IN ('-C', '--C') THEN 2
                         WHEN json_extract(${ARGV}, '$[0]') LIKE '-C=%' OR json_extract(${ARGV}, '$[0]') LIKE '--C=%' THEN 1
                         ELSE 0 END)`;

// "mod download", "work sync": go mod and go work are nothing without their verb, which comes
// right after them (their flags follow the verb); "list -m" (modules, often over the network) is
// a different job from listing packages. '"-m"' in the JSON text is a whole -m argument.
const SHAPE = `(CASE
  WHEN subcommand IN ('mod', 'work') THEN subcommand || COALESCE(' ' || json_extract(${ARGV}, '$[' || (${SUB_INDEX} + 1) || ']'), '')
  WHEN subcommand = 'list' AND (instr(${ARGV}, '"-m"') > 0 OR instr(${ARGV}, '"--m"') > 0) THEN 'list -m'
  ELSE subcommand END)`;

function totals(db: Db, since: string | null): TotalsRow {
  return db
    .prepare(`SELECT COUNT(*) AS runs, COALESCE(SUM(hung), 0) AS hangs, MIN(started_at) AS first_started_at FROM runs WHERE ${SINCE}`)
    .get({ since }) as TotalsRow;
}

function causes(db: Db, since: string | null): CauseRow[] {
  return db
    .prepare(`SELECT COALESCE(cause, 'unknown') AS cause, COUNT(*) AS hangs FROM runs WHERE hung = 1 AND ${SINCE} GROUP BY 1 ORDER BY 2 DESC, 1`)
    .all({ since }) as CauseRow[];
}

/** Sockets and probe results of the hung runs' snapshots, read by SQLite's JSON functions. */
function endpoints(db: Db, since: string | null): EndpointRow[] {
  return db
    .prepare(
      `WITH hung AS (SELECT r.id, s.json FROM runs r JOIN snapshots s ON s.run_id = r.id WHERE r.hung = 1 AND json_valid(s.json) AND (@since IS NULL OR r.started_at >= @since))
       SELECT hung.id AS run_id, 'socket' AS kind, json_extract(${obj('sock.value', 'sock.type')}, '$.remote') AS endpoint, NULL AS role, NULL AS address, NULL AS ok
         FROM hung, json_each(hung.json, '$.processes') p, json_each(${obj('p.value', 'p.type')}, '$.sockets') sock
        WHERE json_extract(${obj('sock.value', 'sock.type')}, '$.state') <> 'LISTEN'
       UNION ALL
       SELECT hung.id, 'probe', json_extract(${obj('n.value', 'n.type')}, '$.target'), json_extract(${obj('n.value', 'n.type')}, '$.role'),
              json_extract(${obj('n.value', 'n.type')}, '$.address'), json_extract(${obj('n.value', 'n.type')}, '$.ok')
         FROM hung, json_each(hung.json, '$.network') n`,
    )
    .all({ since }) as EndpointRow[];
}

function modules(db: Db, since: string | null): ModuleRow[] {
  return db
    .prepare(`SELECT module, COUNT(*) AS runs, COALESCE(SUM(hung), 0) AS hangs FROM runs WHERE ${SINCE} GROUP BY module ORDER BY hangs DESC, runs DESC, module`)
    .all({ since }) as ModuleRow[];
}

/** Per command shape: counts, and median / max duration of the runs that ended on their own. */
function commands(db: Db, since: string | null): CommandRow[] {
  return db
    .prepare(
      `WITH shaped AS MATERIALIZED (SELECT ${SHAPE} AS shape, duration_ms, hung, status FROM runs WHERE ${SINCE}),
       timed AS (SELECT shape, duration_ms,
                        ROW_NUMBER() OVER (PARTITION BY shape ORDER BY duration_ms) AS rn,
                        COUNT(*) OVER (PARTITION BY shape) AS n
                   FROM shaped WHERE hung = 0 AND status = 'finished' AND duration_ms IS NOT NULL),
       medians AS (SELECT shape, AVG(duration_ms) AS median_ms, MAX(n) AS timed FROM timed
                    WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY shape),
       counts AS (SELECT shape, COUNT(*) AS runs, COALESCE(SUM(hung), 0) AS hangs,
                         MAX(CASE WHEN hung = 0 AND status = 'finished' THEN duration_ms END) AS max_ms
                    FROM shaped GROUP BY shape)
       SELECT c.shape, c.runs, c.hangs, COALESCE(m.timed, 0) AS timed, m.median_ms, c.max_ms
         FROM counts c LEFT JOIN medians m USING (shape)`,
    )
    .all({ since }) as CommandRow[];
}

/** Runs and hangs per bucket, each counted over the started_at indexes (no table rows read). */
function buckets(db: Db, plan: TimelinePlan): BucketRow[] {
  return db
    .prepare(
      `WITH b AS (SELECT json_extract(value, '$.key') AS key, json_extract(value, '$.from') AS lo, json_extract(value, '$.to') AS hi
                    FROM json_each(@bounds))
       SELECT key AS bucket,
              (SELECT COUNT(*) FROM runs WHERE started_at >= lo AND started_at < hi) AS runs,
              (SELECT COUNT(*) FROM runs WHERE hung = 1 AND started_at >= lo AND started_at < hi) AS hangs
         FROM b`,
    )
    .all({ bounds: JSON.stringify(plan.buckets) }) as BucketRow[];
}

/** plan: the timeline's buckets, given the first run of the span (src/stats/buckets.ts planTimeline). */
export function statsRows(db: Db, since: string | null, plan: (first: string | null) => TimelinePlan): StatsRows {
  // One read transaction: every figure describes the same moment of the history.
  return db.transaction(() => {
    const all = totals(db, since);
    const timeline = plan(all.first_started_at);
    return {
      totals: all,
      unit: timeline.unit,
      causes: causes(db, since),
      endpoints: endpoints(db, since),
      modules: modules(db, since),
      commands: commands(db, since),
      buckets: buckets(db, timeline),
    };
  })();
}
