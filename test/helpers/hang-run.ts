// Driving a watched go run into a real hang and checking what the shim reports about it
// (docs/contract.md, "Hang detection" and "Snapshot"). Every scenario in test/integration/hang-*.test.ts
// uses a 2 s limit and 300 ms probe steps, so that a hang costs about three seconds.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import type { Cause } from '../../src/causes';
import type { Snapshot } from '../../src/snapshot/snapshot';
import { LOAD_SLACK_MS } from './bounds';
import { type RunRecord, requireRecord } from './history-record';
import { killAll, waitUntil } from './processes';
import { isRunning, type RunOptions, type RunResult, run, SHIM_GO, testEnv, writeModule } from './shim';

export const HANG_AFTER_MS = 2000;
export const PROBE_TIMEOUT_MS = 300;
/** The supervisor's own limits on the snapshot's slow parts: go env, and go's SIGQUIT dump. */
const GO_ENV_LIMIT_MS = 5000;
const DUMP_WAIT_MS = 5000;
/** "Soon after the limit": what the limits allow the snapshot (go env, 3 probe steps, the dump), plus the exit under load. */
export const REPORT_WITHIN_MS = HANG_AFTER_MS + GO_ENV_LIMIT_MS + 3 * PROBE_TIMEOUT_MS + DUMP_WAIT_MS + LOAD_SLACK_MS;

/** testEnv plus the hang settings every scenario shares; dump mode unless extra says otherwise. */
export function hangEnv(dir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return testEnv(dir, {
    GOMODSHIM_HANG_AFTER: `${HANG_AFTER_MS / 1000}s`,
    GOMODSHIM_PROBE_TIMEOUT: `${PROBE_TIMEOUT_MS}ms`,
    GOMODSHIM_ON_HANG: 'dump',
    ...extra,
  });
}

export interface WatchedRun extends RunResult {
  args: readonly string[];
  dbPath: string;
  elapsedMs: number;
  /** The lines the shim wrote on its own ("gomod-shim: …"). */
  ours: string[];
}

export interface WatchedOptions extends RunOptions {
  env: NodeJS.ProcessEnv;
  /** Runs the shim's command line under something else (a sandbox): command → the argv to run. */
  via?: (command: string[]) => string[];
}

/** `go ARGS` through the shim, to its end. */
export async function runWatched(args: readonly string[], opts: WatchedOptions): Promise<WatchedRun> {
  const started = Date.now();
  const [file, ...rest] = (opts.via ?? ((c) => c))([SHIM_GO, ...args]);
  const r = await run(file, rest, { timeoutMs: 30_000, ...opts });
  return {
    ...r,
    args,
    dbPath: opts.env.GOMODSHIM_DB as string,
    elapsedMs: Date.now() - started,
    ours: r.stderr
      .toString()
      .split('\n')
      .filter((l) => l.startsWith('gomod-shim: ')),
  };
}

/** The run id in "… saved as #N (gomod-shim show N)". */
export function savedAs(line: string): number {
  const m = /; saved as #(\d+) \(gomod-shim show (\d+)\)$/.exec(line);
  assert.ok(m && m[1] === m[2], `the line names where the snapshot is saved: ${line}`);
  return Number(m[1]);
}

/** The snapshot in a few lines, for failure messages. */
export function describeSnapshot(s: Snapshot): string {
  return [
    `diagnosis: ${s.diagnosis.cause}: ${s.diagnosis.summary}`,
    ...s.diagnosis.evidence.map((e) => `  evidence: ${e}`),
    ...s.processes.map((p) => `  pid ${p.pid} ${p.state} ${p.argv.join(' ')} sockets=${JSON.stringify(p.sockets.map((k) => `${k.remote} ${k.state}`))}`),
    ...s.network.map((n) => `  probe ${n.target} ${n.role} ok=${n.ok} ${n.error ?? ''}`),
    ...(s.wait_chain ?? []).map((e) => `  chain: pid ${e.pid} ${e.role} ${e.argv.join(' ')} → ${JSON.stringify(e.waits_on)}`),
  ].join('\n');
}

export interface HangReport extends RunRecord {
  id: number;
  line: string;
  snapshot: Snapshot;
}

/**
 * A hang caught in dump mode: exit 124 soon after the limit, exactly one line of ours that carries
 * the stored summary and where it is saved, the record marked hung with the expected cause, and
 * go's goroutine dump captured and parsed.
 */
export function assertHangReport(r: WatchedRun, cause: Cause): HangReport {
  const stderr = r.stderr.toString();
  assert.equal(r.ours.length, 1, `exactly one line of ours on stderr:\n${stderr}`);
  const line = r.ours[0];
  const id = savedAs(line);
  const record = requireRecord(r.dbPath, id);
  const { snapshot } = record;
  assert.equal(snapshot.diagnosis.cause, cause, describeSnapshot(snapshot));
  assert.equal(line, `gomod-shim: go ${r.args.join(' ')}: ${snapshot.diagnosis.summary}; saved as #${id} (gomod-shim show ${id})`);
  assert.deepEqual({ code: r.code, signal: r.signal }, { code: 124, signal: null }, 'dump mode exits 124');
  assert.ok(r.elapsedMs < REPORT_WITHIN_MS, `ended ${r.elapsedMs} ms after the start; the limit is ${HANG_AFTER_MS} ms`);
  assert.deepEqual(
    { hung: record.run.hung, cause: record.run.cause, summary: record.run.summary, status: record.run.status },
    { hung: true, cause, summary: snapshot.diagnosis.summary, status: 'finished' },
  );
  assert.equal(snapshot.trigger, 'idle');
  assert.ok(snapshot.idle_ms >= HANG_AFTER_MS, `idle ${snapshot.idle_ms} ms`);
  assertDumpCaptured(snapshot);
  assert.ok(stderr.includes('SIGQUIT: quit'), "go's own dump still reaches the user's stderr");
  return { ...record, id, line, snapshot };
}

/** The SIGQUIT dump is stored raw and parsed into goroutines, some of them in cmd/go. */
export function assertDumpCaptured(snapshot: Snapshot): void {
  assert.ok(snapshot.goroutines.raw?.startsWith('SIGQUIT: quit'), 'the raw dump is stored');
  assert.ok(snapshot.goroutines.parsed.length > 1, 'the dump is parsed into goroutines');
  assert.ok(
    snapshot.goroutines.parsed.some((g) => g.frames.some((f) => f.function.startsWith('cmd/go/'))),
    'some goroutine has cmd/go frames',
  );
}

/** Frames of all goroutines, "function" only, to look for the one that shows the wait. */
export function stackFunctions(snapshot: Snapshot): string[] {
  return snapshot.goroutines.parsed.flatMap((g) => g.frames.map((f) => f.function));
}

/** go's own entry in the snapshot (the process that got the SIGQUIT). */
export function goProcess(snapshot: Snapshot): Snapshot['processes'][number] {
  const go = snapshot.processes.find((p) => p.pid === snapshot.go_pid);
  assert.ok(go, `go (pid ${snapshot.go_pid}) is in the snapshot`);
  assert.equal(path.basename(go.argv[0] ?? ''), 'go');
  return go;
}

/** Every pid the snapshot saw (go and its descendants) has ended, soon. */
export async function assertAllEnded(snapshot: Snapshot, label = 'the go tree'): Promise<void> {
  const pids = snapshot.processes.map((p) => p.pid);
  const ended = await waitUntil(() => pids.every((p) => !isRunning(p)), LOAD_SLACK_MS);
  const left = snapshot.processes.filter((p) => isRunning(p.pid)).map((p) => `${p.pid} ${p.argv.join(' ')}`);
  assert.ok(ended, `${label}: still running after the run ended:\n${left.join('\n')}`);
}

/** After a failed assertion: end whatever of the snapshot's tree is still there (by pid). */
export function endLeftovers(snapshot: Snapshot | null | undefined): void {
  if (snapshot) killAll(snapshot.processes.map((p) => p.pid).filter(isRunning));
}

/** A module path no other run uses, so that its processes can be found by their arguments. */
export function uniqueModule(prefix: string): string {
  return `example.com/${prefix}${randomUUID().slice(0, 8)}`;
}

/** An empty main module in dir/app to run go in. */
export function appModule(dir: string): string {
  return writeModule(path.join(dir, 'app'), { 'go.mod': 'module example.com/app\n\ngo 1.19\n' });
}

/** text as a literal inside a RegExp. */
export function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
