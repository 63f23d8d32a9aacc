// Issue 8: the watched path through the compiled front, with the real go. What the Node.js
// supervisor could not do: exact non-UTF-8 bytes, a real stderr pipe, go dying with the shim,
// go's own status in a deleted folder, the prompt back at go's exit, and go's daemons left alone.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { assertSameOutcome, GOPROG } from '../helpers/compare';
import { childrenOf, killAll, waitFor, waitUntil } from '../helpers/processes';
import { isRunning, REAL_GO, run, runRealGo, runShim, SHIM_GO, tempDir, testEnv, writeModule } from '../helpers/shim';

const home = tempDir();
const env = testEnv(home, { GOMODSHIM_WATCH: 'all' });
/** How long the front waits for go's stderr to end before it hands the pipe on (front/), with room for load. */
const PROMPT_BACK_WITHIN_MS = 5000;

describe('the compiled front on the watched path', { concurrency: true }, () => {
  test('argument and environment bytes that are not UTF-8 reach the program exactly', { timeout: 120_000 }, async () => {
    // spawn() would encode strings as UTF-8: sh's printf makes the raw bytes instead.
    const script = `ODD=$(printf 'a\\377\\376b'); export ODD; exec "$0" run . hex "$(printf 'x\\377y\\300')" plain`;
    const [viaShim, direct] = await Promise.all([
      run('/bin/sh', ['-c', script, SHIM_GO], { cwd: GOPROG, env }),
      run('/bin/sh', ['-c', script, REAL_GO], { cwd: GOPROG, env }),
    ]);
    assert.equal(viaShim.code, 0, viaShim.stderr.toString());
    const lines = viaShim.stdout.toString().split('\n');
    assert.ok(lines.includes(`arg ${Buffer.from([0x78, 0xff, 0x79, 0xc0]).toString('hex')}`), viaShim.stdout.toString());
    assert.ok(lines.includes(`env ${Buffer.from('ODD=a\xff\xfeb', 'latin1').toString('hex')}`), 'the non-UTF-8 environment value is exact');
    assert.equal(viaShim.stdout.toString(), direct.stdout.toString(), 'the same bytes as go alone');
  });

  test("a watched go generate can open /dev/stderr: go's stderr is a pipe, not a socket", { timeout: 120_000 }, async () => {
    const dir = writeModule(path.join(home, 'gen'), {
      'go.mod': 'module example.com/gen\n\ngo 1.19\n',
      'gen.go': 'package gen\n\n//go:generate sh -c "echo generated-to-dev-stderr > /dev/stderr; ls -l /proc/self/fd/2 | grep -o pipe >&2"\n',
    });
    const r = await runShim(['generate', '.'], { cwd: dir, env });
    assert.equal(r.code, 0, r.stderr.toString());
    assert.match(r.stderr.toString(), /generated-to-dev-stderr\npipe\n/);
  });

  test("a deleted working directory: go's own status and output", { timeout: 60_000 }, async () => {
    const gone = fs.mkdtempSync(path.join(home, 'gone-'));
    // A shell that cds into the folder, which is then removed under it: go starts with no cwd.
    const script = 'cd "$1" && rmdir "$1" && exec "$0" list -m';
    const viaShim = await run('/bin/sh', ['-c', script, SHIM_GO, gone], { env });
    fs.mkdirSync(gone);
    const direct = await run('/bin/sh', ['-c', script, REAL_GO, gone], { env });
    assert.notEqual(direct.code, 0, 'go itself fails there');
    // The shim is a sh script: dash itself says once that it cannot tell where it is.
    const goOnly = viaShim.stderr.toString().replace(/^sh: \d+: getcwd\(\) failed: .*\n/m, '');
    assertSameOutcome({ ...viaShim, stderr: Buffer.from(goOnly) }, direct, 'deleted cwd');
  });

  test("kill -9 of the shim's pid leaves no go running", { timeout: 60_000 }, async () => {
    const shim = spawn(SHIM_GO, ['run', '.', 'spawn-wait'], { cwd: GOPROG, env, stdio: ['ignore', 'pipe', 'ignore'], detached: true });
    const ended = new Promise((r) => shim.once('exit', r));
    let out = '';
    shim.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    const pids = await waitFor('goprog to report', () => /^(\d+) (\d+)\n/.exec(out)?.slice(1).map(Number));
    const go = childrenOf(shim.pid!).filter((p) => fs.readFileSync(`/proc/${p}/cmdline`, 'latin1').includes('run'));
    assert.equal(go.length, 1, 'go runs below the front');
    try {
      process.kill(shim.pid!, 'SIGKILL');
      await ended;
      assert.ok(await waitUntil(() => !isRunning(go[0]), 10_000), `go ${go[0]} ended with the shim`);
    } finally {
      killAll([...go, ...pids].filter(isRunning));
    }
  });

  test('the prompt returns as soon as go exits, while a daemon go started still writes on its stderr', { timeout: 60_000 }, async () => {
    const started = Date.now();
    const shim = spawn(SHIM_GO, ['run', '.', 'daemon-stderr'], { cwd: GOPROG, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    let out = '';
    shim.stderr!.on('data', (b: Buffer) => (err += b.toString()));
    shim.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    const code = await new Promise<number | null>((r) => shim.once('exit', (c) => r(c)));
    const exitedAfter = Date.now() - started;
    const daemon = Number(/^\d+ (\d+)\n/.exec(out)?.[1]);
    try {
      assert.equal(code, 0, err);
      assert.ok(isRunning(daemon), 'the daemon is left as go alone leaves it');
      // The daemon writes for 10 s; the shim did not wait for it.
      assert.ok(exitedAfter < 10_000 - 1000, `the shim exited after ${exitedAfter} ms`);
      const linesAtExit = (err.match(/daemon-line-/g) ?? []).length;
      // Its later lines still reach the caller's stderr, through the hand-off relay.
      assert.ok(await waitUntil(() => (err.match(/daemon-line-/g) ?? []).length > linesAtExit + 3, PROMPT_BACK_WITHIN_MS), err);
    } finally {
      killAll([daemon].filter(isRunning));
    }
  });

  test('a server started by a -toolexec program outlives a normal go build', { timeout: 120_000 }, async () => {
    const dir = writeModule(path.join(home, 'toolexec'), {
      'go.mod': 'module example.com/te\n\ngo 1.19\n',
      'main.go': 'package main\n\nfunc main() {}\n',
      // Starts a background "server" once (inheriting go's stdio, as a lazy server would), then runs the tool.
      'wrap.sh': '#!/bin/sh\n[ -f "${0%/*}/server.pid" ] || { sleep 300 </dev/null >/dev/null 2>&1 & echo $! >"${0%/*}/server.pid"; }\nexec "$@"\n',
    });
    fs.chmodSync(path.join(dir, 'wrap.sh'), 0o755);
    const r = await runShim(['build', `-toolexec=${path.join(dir, 'wrap.sh')}`, '-o', path.join(dir, 'out'), '.'], { cwd: dir, env });
    const server = Number(fs.readFileSync(path.join(dir, 'server.pid'), 'utf8'));
    try {
      assert.equal(r.code, 0, r.stderr.toString());
      assert.ok(isRunning(server), 'the server is still running after the build');
    } finally {
      killAll([server].filter(isRunning));
    }
  });

  test('go version through the front, side by side with go alone', { timeout: 60_000 }, async () => {
    const [viaShim, direct] = await Promise.all([runShim(['list', '-m'], { cwd: GOPROG, env }), runRealGo(['list', '-m'], { cwd: GOPROG, env })]);
    assertSameOutcome(viaShim, direct, 'go list -m');
  });
});
