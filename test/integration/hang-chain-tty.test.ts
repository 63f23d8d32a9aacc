// Issue 10, a prompt on a terminal: go runs under script(1), so the session has a terminal, and a
// credential helper of any name asks on /dev/tty, as a plain `read` would. The chain ends in a tty
// read; the cause is vcs-credential-prompt, naming the helper — not its shell, not its server.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { shQuote } from '../../src/shell-quote';
import type { Snapshot } from '../../src/snapshot/snapshot';
import { directFetch, script } from '../helpers/direct-fetch';
import { appModule, assertAllEnded, endLeftovers, HANG_AFTER_MS, REPORT_WITHIN_MS } from '../helpers/hang-run';
import { readRecord, runIds } from '../helpers/history-record';
import { startHttpServer } from '../helpers/misbehaving-servers';
import { childrenOf, killAll, pidsWithArgument } from '../helpers/processes';
import { SHIM_GO, tempDir } from '../helpers/shim';

/** `go ARGS` through the shim on a fresh terminal; stdin stays open until the end (script ends on EOF). */
function underScript(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string; elapsedMs: number }> {
  const started = Date.now();
  const child = spawn('script', ['-qfec', [SHIM_GO, ...args].map(shQuote).join(' '), '/dev/null'], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => out.push(b));
  child.stderr.on('data', (b: Buffer) => out.push(b));
  const limit = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve, reject) =>
    child.once('error', reject).on('close', (code) => {
      clearTimeout(limit);
      child.stdin.destroy();
      resolve({ code, output: Buffer.concat(out).toString(), elapsedMs: Date.now() - started });
    }),
  );
}

test('vcs-credential-prompt: a credential helper reads the terminal (go under script(1))', { timeout: 90_000 }, async () => {
  const git = await startHttpServer(401);
  const helper = script(path.join(tempDir(), 'opt'), 'answer-4', 'read -r line < /dev/tty\necho "password=$line"');
  const fetch = await directFetch(git, () => ({ GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'credential.helper', GIT_CONFIG_VALUE_0: helper }));
  const env = fetch.env;
  let snapshot: Snapshot | undefined;
  try {
    const r = await underScript(['mod', 'download', `${fetch.importPath}@v1.0.0`], appModule(fetch.dir), env);
    assert.equal(r.code, 124, `dump mode ends a hang with 124:\n${r.output.slice(-2000)}`);
    assert.ok(r.elapsedMs < REPORT_WITHIN_MS + 5000, `ended after ${r.elapsedMs} ms`);
    const [id] = runIds(env.GOMODSHIM_DB as string);
    const record = readRecord(env.GOMODSHIM_DB as string, id);
    snapshot = record?.snapshot ?? undefined;
    assert.ok(snapshot && record?.run.hung, 'recorded as a hang');
    assert.ok(snapshot.idle_ms >= HANG_AFTER_MS);
    const chain = snapshot.wait_chain ?? [];
    const leaf = chain.at(-1);
    assert.deepEqual({ kind: leaf?.waits_on.kind, role: leaf?.role }, { kind: 'tty', role: 'credential-helper' }, JSON.stringify(chain));
    assert.match(leaf!.waits_on.detail, /^reads tty \/dev\/(tty|pts\/\d+)$/);
    const named = chain.find((e) => e.role === 'credential-helper' && e.argv[1] !== '-c');
    assert.ok(named?.argv.includes(helper), JSON.stringify(chain));
    const d = snapshot.diagnosis;
    assert.equal(d.cause, 'vcs-credential-prompt');
    assert.ok(d.summary.includes(`(pid ${named?.pid}, credential-helper,`), d.summary);
    assert.ok(
      d.evidence.some((e) => e.includes('reads tty')),
      d.evidence.join('\n'),
    );
    assert.ok(r.output.includes(`gomod-shim: go mod download ${fetch.importPath}@v1.0.0: ${d.summary}`), 'the line of ours, on the terminal');
    await assertAllEnded(snapshot);
  } finally {
    endLeftovers(snapshot);
    const pids = pidsWithArgument(helper);
    killAll([...pids.flatMap(childrenOf), ...pids]);
    await Promise.all([git.close(), fetch.proxy.close()]);
  }
});
