// What the hang procedure hands to the OTLP export: everything is already redacted and stored.
import type { RunStart } from '../record/run-record';
import type { Snapshot } from '../snapshot/snapshot';

export interface HangReport {
  snapshot: Snapshot;
  run: RunStart;
  /** The history row (`gomod-shim show ID`), null when the database is unusable. */
  runId: number | null;
  /** The end of the run's span: go's exit in dump mode, the export's start in observe mode. */
  endedAtMs: number;
}
