// A hang as OpenTelemetry attributes: semantic-convention names where one fits
// (error.type, process.*), gomod_shim.* for the rest. Shared by the log record and the span.
import type { Attributes } from '@opentelemetry/api';
import { redactArgv, redactText } from '../redact';
import { snapshotIsHang } from '../snapshot/is-hang';
import { formatChain } from '../waitchain/format';
import type { HangReport } from './hang-report';

// go subcommands whose next word says what was done (go mod download, go work sync).
const TWO_WORD_COMMANDS = new Set(['mod', 'work']);

/** A short, low-cardinality name: `go mod download`, `go get`, `go list`. */
export function runSpanName(report: HangReport): string {
  const argv = report.snapshot.command;
  const sub = report.run.subcommand;
  const next = argv[argv.indexOf(sub) + 1];
  return TWO_WORD_COMMANDS.has(sub) && next && /^[a-z]+$/.test(next) ? `go ${sub} ${next}` : `go ${sub}`;
}

/** goVersion: the toolchain's, when known (go env GOVERSION, else its VERSION file). */
export function hangAttributes(report: HangReport, goVersion: string | null = report.snapshot.go_env?.GOVERSION ?? null): Attributes {
  const { snapshot, run, runId } = report;
  const { diagnosis } = snapshot;
  const goEnv = snapshot.go_env ?? {};
  const attributes: Attributes = {
    'error.type': diagnosis.cause,
    'gomod_shim.hang.cause': diagnosis.cause,
    'gomod_shim.hang.summary': diagnosis.summary,
    'gomod_shim.hang.suggestions': diagnosis.suggestions,
    'gomod_shim.hang.idle_ms': snapshot.idle_ms,
    'gomod_shim.hang.after_ms': snapshot.hang_after_ms,
    'gomod_shim.hang.trigger': snapshot.trigger,
    'gomod_shim.hang.mode': snapshot.mode,
    'gomod_shim.run.uuid': run.uuid,
    'process.command_args': ['go', ...snapshot.command],
    'process.executable.path': run.realGo,
    'process.pid': snapshot.go_pid,
    'process.working_directory': run.cwd,
    // cmd/go is a Go program: its runtime version is the toolchain's (go env GOVERSION).
    'process.runtime.name': 'go',
  };
  // Only a user's snapshot (Ctrl-\) carries it: every other record is a hang.
  if (!snapshotIsHang(snapshot)) attributes['gomod_shim.hang.hung'] = false;
  if (snapshot.wait_chain?.length) attributes['gomod_shim.hang.wait_chain'] = formatChain(snapshot.wait_chain);
  if (runId !== null) attributes['gomod_shim.run.id'] = runId;
  if (run.module) attributes['gomod_shim.go.module'] = run.module;
  const proxy = goEnv.GOPROXY ?? snapshot.env.GOPROXY;
  if (proxy) attributes['gomod_shim.go.proxy'] = proxy;
  if (goVersion) attributes['process.runtime.version'] = goVersion;
  return redactStrings(attributes);
}

/** The snapshot is redacted already; this keeps every secret out even if a field was missed. */
function redactStrings(attributes: Attributes): Attributes {
  const out: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (typeof value === 'string') out[key] = redactText(value);
    else if (key === 'process.command_args') out[key] = redactArgv(value as string[]);
    else if (Array.isArray(value)) out[key] = value.map((v) => (typeof v === 'string' ? redactText(v) : v)) as typeof value;
    else out[key] = value;
  }
  return out;
}
