import * as path from 'node:path';

// What is recorded of one watched run, in two phases: a start and an end.
export interface RunStart {
  uuid: string;
  startedAt: string; // ISO 8601
  cwd: string;
  module: string | null;
  argv: string[]; // go's arguments, without `go`, secrets redacted
  subcommand: string;
  /** The front's pid and start time (clock ticks since boot; 0 without /proc): liveness that survives pid reuse. */
  supervisorPid: number;
  supervisorStartTime?: number;
  goPid: number | null;
  realGo: string;
  /** The program that ran go (`gopls`, `make`, `bash`), or null (docs/front-protocol.md). */
  caller?: string | null;
}

export interface RunEnd {
  endedAt: string;
  durationMs: number;
  exitCode: number | null;
  signal: string | null;
  hung: boolean;
  /** The longest quiet spell the idle detector saw (absent in journals of older versions). */
  longestIdleMs?: number;
  /** The hang limit that applied, and why (src/watcher/hang-limit.ts). */
  hangLimitMs?: number;
  hangLimitReason?: string;
}

/** Where go's subcommand sits in argv: after cmd/go's one global flag, -C dir. */
function subcommandIndex(argv: readonly string[]): number {
  const first = argv[0] ?? '';
  if (first === '-C' || first === '--C') return 2;
  if (first.startsWith('-C=') || first.startsWith('--C=')) return 1;
  return 0;
}

/** go's subcommand, after cmd/go's one global flag (-C dir), as shim/go decides it. */
export function subcommandOf(argv: readonly string[]): string {
  return argv[subcommandIndex(argv)] ?? '';
}

// Subcommands whose verb changes the work entirely: `go mod download` fetches, `go mod edit` does not.
const COMMANDS_WITH_VERBS = new Set(['mod', 'work']);

/** The command as people name it: `mod download`, `work sync`, `build`, `get`. */
export function commandOf(argv: readonly string[]): string {
  const at = subcommandIndex(argv);
  const sub = argv[at] ?? '';
  const verb = argv[at + 1];
  return COMMANDS_WITH_VERBS.has(sub) && verb && !verb.startsWith('-') ? `${sub} ${verb}` : sub;
}

/** The directory go works in: -C dir changes it before anything else. */
export function effectiveDir(cwd: string, argv: readonly string[]): string {
  const [first = '', second = ''] = argv;
  if (first === '-C' || first === '--C') return path.resolve(cwd, second);
  const eq = /^--?C=(.*)$/.exec(first);
  return eq ? path.resolve(cwd, eq[1]) : cwd;
}
