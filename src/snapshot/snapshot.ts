// The snapshot of a hang, as `gomod-shim show ID --json` returns it (docs/contract.md, "Snapshot").
import type { Cause } from '../causes';
import type { OnHang } from '../config';
import type { WaitEntry } from '../waitchain/types';
import type { Goroutine } from './goroutine-dump';
import type { ProbeResult } from './probe/probe';
import type { ProcessInfo } from './processes';

export interface Diagnosis {
  cause: Cause;
  summary: string;
  evidence: string[];
  suggestions: string[];
}

export interface Snapshot {
  taken_at: string;
  /** false while go env and the network probe are still to come (the first record of a hang) */
  complete: boolean;
  idle_ms: number;
  /** idle: the tree was quiet for hang_after_ms; sigquit: Ctrl-\ or kill -QUIT to the shim */
  trigger: 'idle' | 'sigquit';
  /** false for a user's snapshot (Ctrl-\\ before the run was idle past the limit); absent in older snapshots: a hang */
  hung?: boolean;
  hang_after_ms: number;
  /** Which limit applied and why (absent in snapshots of older versions). */
  hang_after_reason?: string;
  mode: OnHang;
  command: string[]; // go's arguments, redacted
  go_pid: number; // the Go toolchain process (it gets the SIGQUIT in dump mode)
  env: Record<string, string>;
  go_env: Record<string, string> | null;
  go_env_error: string | null;
  processes: ProcessInfo[];
  /** from go to what holds everything up (absent in snapshots of older versions) */
  wait_chain?: WaitEntry[];
  network: ProbeResult[];
  goroutines: { raw: string | null; parsed: Goroutine[] };
  stderr_tail: string[];
  diagnosis: Diagnosis;
  /** Set once the retention cap (src/store/retention.ts) dropped the raw dump and minor goroutines. */
  retention?: { dump_dropped_at: string; goroutines_total: number };
}
