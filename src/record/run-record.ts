import * as path from 'node:path';

// What is recorded of one watched run, in two phases: a start and an end.
export interface RunStart {
  uuid: string;
  startedAt: string; // ISO 8601
  cwd: string;
  module: string | null;
  argv: string[]; // go's arguments, without `go`, secrets redacted
  subcommand: string;
  supervisorPid: number;
  goPid: number | null;
  realGo: string;
}

export interface RunEnd {
  endedAt: string;
  durationMs: number;
  exitCode: number | null;
  signal: string | null;
  hung: boolean;
}

/** go's subcommand, after cmd/go's one global flag (-C dir), as shim/go decides it. */
export function subcommandOf(argv: readonly string[]): string {
  const [first = '', second = '', third = ''] = argv;
  if (first === '-C' || first === '--C') return third;
  if (first.startsWith('-C=') || first.startsWith('--C=')) return second;
  return first;
}

/** The directory go works in: -C dir changes it before anything else. */
export function effectiveDir(cwd: string, argv: readonly string[]): string {
  const [first = '', second = ''] = argv;
  if (first === '-C' || first === '--C') return path.resolve(cwd, second);
  const eq = /^--?C=(.*)$/.exec(first);
  return eq ? path.resolve(cwd, eq[1]) : cwd;
}
