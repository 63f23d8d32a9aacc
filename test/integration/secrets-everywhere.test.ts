// Issue 9: the whole planted-secrets corpus (test/fixtures/secrets/corpus.json) in a real hung run
// through the shim — its environment, go's argv, the program's argv (a process command line) and
// what the program prints on stderr (the stderr tail) — and not one secret in the database file
// bytes, the journal folder, history, history --json, show (text, --json, --markdown), stats,
// doctor, our lines on stderr, or the OTLP export to a loopback receiver.
//
// The run is `go run . ARGS…` (GOMODSHIM_WATCH=all) of a program that prints the corpus's text
// entries on stderr and then sleeps: go waits on it, quiet, and the shim calls it hung.
import assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Snapshot } from '../../src/snapshot/snapshot';
import { stateFiles } from '../helpers/database';
import { endLeftovers, hangEnv, runWatched } from '../helpers/hang-run';
import { readRecord, runIds } from '../helpers/history-record';
import { startOtlpReceiver } from '../helpers/otlp-receiver';
import { waitUntil } from '../helpers/processes';
import { loadCorpus } from '../helpers/secrets-corpus';
import { runCli, runRealGo, tempDir, writeModule } from '../helpers/shim';

const corpus = loadCorpus();
/** The test process's own build cache: the standard library is compiled there already. */
const WARM_GOCACHE = process.env.GOCACHE || path.join(os.homedir(), '.cache', 'go-build');
/** A first compile of the standard library on a loaded 2-core machine. */
const COMPILE_BOUND_MS = 90_000;
/** The export's own budget is a few seconds (src/export/start-export.ts); twice that on a loaded machine. */
const EXPORT_BOUND_MS = 20_000;
const SECRETS = corpus.flatMap((e) => e.secrets);
/** Names that would change how the run itself works, not what it records. */
const NOT_PLANTED = new Set(['PATH']);

/** Each env entry under its own name; a name used twice goes under a GOPLANT_n name the second time. */
function plantedEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  corpus.forEach((e, i) => {
    if (e.kind !== 'env' || NOT_PLANTED.has(e.var as string)) return;
    env[env[e.var as string] === undefined ? (e.var as string) : `GOPLANT_${i}`] = e.input as string;
  });
  return env;
}

const PLANTED_ARGV = corpus.filter((e) => e.kind === 'argv').flatMap((e) => e.input as string[]);
const PLANTED_TEXT = corpus.filter((e) => e.kind === 'text').map((e) => e.input as string);

function writeProgram(dir: string): string {
  return writeModule(path.join(dir, 'prog'), {
    'go.mod': 'module example.com/planted\n\ngo 1.21\n',
    'text.txt': PLANTED_TEXT.join('\n'),
    'main.go': `package main

import (
	"os"
	"time"
)

func main() {
	text, _ := os.ReadFile("text.txt")
	os.Stderr.Write(append(text, '\\n'))
	time.Sleep(time.Hour)
}
`,
  });
}

function leaks(where: string, bytes: Buffer | string): string[] {
  const text = Buffer.isBuffer(bytes) ? bytes.toString('latin1') : bytes;
  return SECRETS.filter((s) => text.includes(s)).map((s) => `${where}: ${s}`);
}

describe('the secrets corpus in a real hung run', { timeout: 400_000 }, () => {
  test('no planted secret in the database, the journal, any output, our lines, or the OTLP export', async () => {
    const receiver = await startOtlpReceiver();
    const dir = tempDir();
    const env = hangEnv(dir, {
      ...plantedEnv(),
      GOMODSHIM_WATCH: 'all',
      GOMODSHIM_ON_HANG: 'observe',
      CGO_ENABLED: '0',
      GOFLAGS: '-mod=mod', // the corpus's GOFLAGS goes under a GOPLANT_ name: its -X would not link
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      GOCACHE: WARM_GOCACHE,
    });
    const prog = writeProgram(dir);
    // Compiled once beforehand (straight, unwatched), so the watched run only links and then waits.
    const warm = await runRealGo(['build', '-o', path.join(dir, 'prog.bin'), '.'], { cwd: prog, env, timeoutMs: COMPILE_BOUND_MS });
    assert.equal(warm.code, 0, warm.stderr.toString());
    let snapshot: Snapshot | undefined;
    try {
      // Observe mode: the snapshot is taken and exported while go waits; then the run is ended by us.
      let shimPid = -1;
      const running = runWatched(['run', '.', ...PLANTED_ARGV], { cwd: prog, env, timeoutMs: COMPILE_BOUND_MS, onSpawn: (pid) => (shimPid = pid) });
      const dbPath = env.GOMODSHIM_DB as string;
      let id = -1;
      const complete = await waitUntil(
        () => {
          [id = -1] = runIds(dbPath);
          snapshot = id < 0 ? undefined : (readRecord(dbPath, id)?.snapshot ?? undefined);
          return snapshot?.complete === true;
        },
        COMPILE_BOUND_MS,
        200,
      );
      assert.ok(complete && snapshot, 'the hang is recorded with its snapshot');
      const exported = await receiver.waitFor(['logs', 'traces'], EXPORT_BOUND_MS);
      // SIGTERM ends go; the program `go run` started outlives go, as it would without the shim:
      // it holds the test's stdout pipe, so it is ended by its pid too.
      process.kill(shimPid, 'SIGTERM');
      endLeftovers(snapshot);
      const r = await running;
      assert.ok(exported, 'the hang was exported');
      // go's stderr passes through unchanged (the program prints the planted text there): ours are the rest.
      const planted = new Set(PLANTED_TEXT.join('\n').split('\n'));
      const ours = r.ours.filter((l) => !planted.has(l));
      assert.ok(ours.length >= 1 && ours.length <= 2, r.stderr.toString());
      // What makes finding nothing mean something: the planted material was recorded, redacted.
      assert.ok(
        snapshot.stderr_tail.some((l) => l.includes('Authorization: Bearer ***')),
        snapshot.stderr_tail.join('\n'),
      );
      assert.ok(
        snapshot.processes.some((p) => p.argv.includes('--password=***')),
        "the program's command line is recorded",
      );
      assert.equal(snapshot.env.GIT_PAT, '***');

      const found: string[] = [];
      for (const { file, bytes } of stateFiles(dbPath)) found.push(...leaks(file, bytes));
      found.push(...leaks('our lines on stderr', ours.join('\n')));
      const commands = [
        ['history'],
        ['history', '--all'],
        ['history', '--all', '--json'],
        ['show', String(id)],
        ['show', String(id), '--json'],
        ['show', String(id), '--markdown'],
        ['show', String(id), '--raw'],
        ['stats', '--all'],
        ['stats', '--all', '--json'],
        ['doctor'],
        ['config', '--json'],
      ];
      for (const args of commands) {
        const out = await runCli(args, { env, cwd: prog, timeoutMs: 60_000 });
        found.push(...leaks(`gomod-shim ${args.join(' ')}`, Buffer.concat([out.stdout, out.stderr])));
      }
      for (const req of receiver.requests) found.push(...leaks(`OTLP ${req.signal}`, JSON.stringify(req.body)));
      assert.deepEqual(found, [], 'no secret anywhere');
    } finally {
      endLeftovers(snapshot);
      await receiver.close();
    }
  });
});
