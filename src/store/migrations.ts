// Append-only: never edit a shipped migration, add the next number.
// The applied count is PRAGMA user_version.
export const MIGRATIONS: readonly string[] = [
  // 1: one row per watched run, written at start and completed at the end (two-phase),
  //    so a killed shim still leaves a trace. uuid ties the row to its journal file.
  `CREATE TABLE runs (
     id             INTEGER PRIMARY KEY AUTOINCREMENT,
     uuid           TEXT    NOT NULL UNIQUE,
     status         TEXT    NOT NULL DEFAULT 'running', -- running | finished | lost
     started_at     TEXT    NOT NULL,                   -- ISO 8601, UTC
     ended_at       TEXT,
     duration_ms    INTEGER,
     cwd            TEXT    NOT NULL,
     module         TEXT,
     subcommand     TEXT    NOT NULL,
     argv           TEXT    NOT NULL,                   -- JSON array, without "go"
     exit_code      INTEGER,
     signal         TEXT,
     hung           INTEGER NOT NULL DEFAULT 0,
     cause          TEXT,
     summary        TEXT,
     supervisor_pid INTEGER,
     go_pid         INTEGER,
     real_go        TEXT
   );
   CREATE INDEX runs_by_start ON runs (started_at);
   CREATE INDEX runs_hung_by_start ON runs (hung, started_at);`,
  // 2: the snapshot of a hang, kept apart from runs: it is large (a raw goroutine dump), and
  //    history lists must not read it. Written as soon as it is taken, updated once the dump is in.
  `CREATE TABLE snapshots (
     run_id   INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
     taken_at TEXT NOT NULL,
     json     TEXT NOT NULL
   );`,
  // 3 (adaptive hang limit): what GOMODSHIM_HANG_AFTER=auto learns from, and what each run used.
  //    command is go's command as people name it ("mod download", "build"); longest_idle_ms the
  //    longest quiet spell of the run, hung or not; hang_limit_* the limit that applied and why.
  //    The index serves the lookup of past runs of one command in one module, newest first.
  `ALTER TABLE runs ADD COLUMN command TEXT;
   ALTER TABLE runs ADD COLUMN longest_idle_ms INTEGER;
   ALTER TABLE runs ADD COLUMN hang_limit_ms INTEGER;
   ALTER TABLE runs ADD COLUMN hang_limit_reason TEXT;
   CREATE INDEX runs_by_module_command ON runs (module, command, started_at);`,
  // 4: the retention cap (src/store/retention.ts) drops the raw dump of all but the newest snapshots;
  //    dump_dropped_at marks those done, and the partial index lets each save count and find the
  //    whole ones without reading any snapshot JSON.
  `ALTER TABLE snapshots ADD COLUMN dump_dropped_at TEXT;
   CREATE INDEX snapshots_whole_by_taken ON snapshots (taken_at) WHERE dump_dropped_at IS NULL;`,
  // 5 (compiled front): caller is the program that ran go (gopls, make, bash); supervisor_start_time
  //    is the front's start in clock ticks since boot, so that a reader can tell a live run from a
  //    reused pid (docs/front-protocol.md).
  `ALTER TABLE runs ADD COLUMN caller TEXT;
   ALTER TABLE runs ADD COLUMN supervisor_start_time INTEGER;`,
];
