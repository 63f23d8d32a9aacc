// Issue 10: causes told by the wait chain's structure, not by names (docs/causes.md "More causes seen
// in the field"; docs/causes.md). Each helper has an unremarkable name, and each waits in its
// own way (a FIFO, a blocking socket, a sleep) so that no rule can lean on one spelling.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Snapshot } from '../../src/snapshot/snapshot';
import { directFetch, script } from '../helpers/direct-fetch';
import { assertAllEnded, assertHangReport, endLeftovers, hangEnv, literal, runWatched, uniqueModule } from '../helpers/hang-run';
import { startHttpServer, startSilentServer } from '../helpers/misbehaving-servers';
import { childrenOf, killAll, pidsWithArgument } from '../helpers/processes';
import { tempDir, writeModule } from '../helpers/shim';

const chainOf = (s: Snapshot) => s.wait_chain ?? [];
const withArg = (s: Snapshot, arg: string) => s.processes.find((p) => p.argv.some((a) => a === arg || a.startsWith(`${arg} `)));
const endAll = (marker: string) => {
  const pids = pidsWithArgument(marker);
  killAll([...pids.flatMap(childrenOf), ...pids]);
};

describe('the wait chain names what holds go up', { concurrency: 2, timeout: 90_000 }, () => {
  test('http-proxy-unresponsive: GOPROXY on a .invalid host goes through a silent HTTP_PROXY', async () => {
    const silent = await startSilentServer();
    const dir = tempDir();
    const proxyUrl = `http://127.0.0.1:${silent.port}`;
    const module = uniqueModule('viaproxy');
    const env = hangEnv(dir, { GOPROXY: 'http://proxy.invalid', HTTP_PROXY: proxyUrl, NO_PROXY: '' });
    let snapshot: Snapshot | undefined;
    try {
      const r = await runWatched(['mod', 'download', `${module}@v1.0.0`], {
        cwd: writeModule(path.join(dir, 'app'), { 'go.mod': 'module example.com/app\n\ngo 1.19\n' }),
        env,
      });
      ({ snapshot } = assertHangReport(r, 'http-proxy-unresponsive'));
      assert.match(
        silent.received(),
        new RegExp(`^GET ${literal(`http://proxy.invalid/${module}/@v/v1.0.0.info`)} HTTP/1\\.1`),
        'go asked the proxy for the GOPROXY URL',
      );
      const leaf = chainOf(snapshot).at(-1);
      assert.deepEqual(
        { pid: leaf?.pid, kind: leaf?.waits_on.kind, peer: leaf?.waits_on.peer, role: leaf?.waits_on.peer_role },
        { pid: snapshot.go_pid, kind: 'socket', peer: `127.0.0.1:${silent.port}`, role: 'env-proxy' },
      );
      const d = snapshot.diagnosis;
      assert.ok(
        d.summary.startsWith(`the HTTP proxy 127.0.0.1:${silent.port} (HTTP_PROXY=${proxyUrl}) accepted the connection but has not answered`),
        d.summary,
      );
      assert.ok(d.summary.includes('http://proxy.invalid'), d.summary);
      assert.ok(d.suggestions.includes('skip the proxy for proxy.invalid: NO_PROXY=proxy.invalid (go then connects directly)'), d.suggestions.join('\n'));
      assert.ok(
        d.suggestions.some((s) => s.includes(`curl -v -x ${proxyUrl} http://proxy.invalid/`)),
        d.suggestions.join('\n'),
      );
      assert.ok(!d.suggestions.some((s) => s.startsWith('bypass the proxy: GOPROXY=')), 'no advice about GOPROXY itself');
      await assertAllEnded(snapshot);
    } finally {
      endLeftovers(snapshot);
      await silent.close();
    }
  });

  test('vcs-credential-prompt: an askpass of any name (GIT_ASKPASS) waits on a FIFO no one writes', async () => {
    const git = await startHttpServer(401);
    const work = tempDir();
    const fifo = path.join(work, 'answer');
    execFileSync('mkfifo', [fifo]);
    const askpass = script(path.join(work, 'bin'), 'helper-7', `read answer < ${fifo}\necho "$answer"`);
    const fetch = await directFetch(git, () => ({ GIT_ASKPASS: askpass }));
    let snapshot: Snapshot | undefined;
    try {
      ({ snapshot } = assertHangReport(await fetch.run(), 'vcs-credential-prompt'));
      const asking = withArg(snapshot, askpass);
      assert.ok(asking, 'the askpass is in the snapshot');
      assert.match(asking.argv.at(-1) ?? '', /^Username for 'http:\/\/127\.0\.0\.1:\d+': $/, 'git passed it the prompt');
      const entry = chainOf(snapshot).find((e) => e.pid === asking.pid);
      assert.deepEqual({ role: entry?.role, kind: entry?.waits_on.kind }, { role: 'askpass', kind: 'pipe' }, JSON.stringify(chainOf(snapshot)));
      const d = snapshot.diagnosis;
      assert.ok(d.summary.includes(`(pid ${asking.pid}, askpass,`), d.summary);
      assert.ok(
        d.suggestions.some((s) => s.includes(`GIT_ASKPASS=${askpass} asks a person: unset GIT_ASKPASS`)),
        d.suggestions.join('\n'),
      );
      await assertAllEnded(snapshot);
    } finally {
      endLeftovers(snapshot);
      endAll(askpass);
      await Promise.all([git.close(), fetch.proxy.close()]);
    }
  });

  test('vcs-credential-prompt: a credential helper of any name, set through GIT_CONFIG_*, blocks on a socket', async () => {
    const git = await startHttpServer(401);
    const vault = await startSilentServer();
    const helper = script(path.join(tempDir(), 'libexec'), 'keys-2', `bash -c 'exec 3<>/dev/tcp/127.0.0.1/${vault.port}; read -r line <&3'`);
    const fetch = await directFetch(git, () => ({ GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'credential.helper', GIT_CONFIG_VALUE_0: helper }));
    let snapshot: Snapshot | undefined;
    try {
      ({ snapshot } = assertHangReport(await fetch.run(), 'vcs-credential-prompt'));
      const entry = chainOf(snapshot).find((e) => e.role === 'credential-helper' && e.argv[1] !== '-c');
      assert.ok(entry, JSON.stringify(chainOf(snapshot)));
      assert.ok(
        entry.argv.some((a) => a.startsWith(helper)),
        `the helper itself: ${entry.argv.join(' ')}`,
      );
      const leaf = chainOf(snapshot).at(-1);
      assert.deepEqual({ kind: leaf?.waits_on.kind, peer: leaf?.waits_on.peer }, { kind: 'socket', peer: `127.0.0.1:${vault.port}` });
      const d = snapshot.diagnosis;
      assert.ok(d.summary.includes(`(pid ${entry.pid}, credential-helper,`), d.summary);
      assert.ok(
        d.suggestions.some((s) => s.includes('credential.helper') && s.includes('GIT_CONFIG_COUNT')),
        d.suggestions.join('\n'),
      );
      await assertAllEnded(snapshot);
    } finally {
      endLeftovers(snapshot);
      endAll(helper);
      await Promise.all([git.close(), vault.close(), fetch.proxy.close()]);
    }
  });

  test("orphan-pipe: a helper leaves a background process holding git's pipe and exits", async () => {
    const git = await startHttpServer(401);
    const work = tempDir();
    const lingering = path.join(work, 'lingering');
    fs.copyFileSync('/bin/sleep', lingering);
    fs.chmodSync(lingering, 0o755);
    const helper = script(path.join(work, 'bin'), 'cache-9', `${lingering} 300 2>/dev/null &\nexit 0`);
    const fetch = await directFetch(git, () => ({ GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'credential.helper', GIT_CONFIG_VALUE_0: helper }));
    let snapshot: Snapshot | undefined;
    try {
      ({ snapshot } = assertHangReport(await fetch.run(), 'orphan-pipe'));
      const [holderPid] = pidsWithArgument(lingering);
      assert.ok(holderPid, 'the background process still runs');
      const holder = chainOf(snapshot).find((e) => e.role === 'pipe-holder');
      assert.deepEqual({ pid: holder?.pid, inTree: holder?.in_tree }, { pid: holderPid, inTree: false }, JSON.stringify(chainOf(snapshot)));
      assert.ok(!snapshot.processes.some((p) => p.pid === holderPid), "it is not in go's tree");
      const d = snapshot.diagnosis;
      assert.ok(d.summary.includes(`pipe that pid ${holderPid} (${lingering} 300) keeps open outside go's tree`), d.summary);
      assert.ok(
        d.suggestions.some((s) => s.includes(`kill ${holderPid}`)),
        d.suggestions.join('\n'),
      );
      assert.ok(
        d.suggestions.some((s) => s.includes('ControlPersist no')),
        d.suggestions.join('\n'),
      );
    } finally {
      endLeftovers(snapshot);
      killAll(pidsWithArgument(lingering));
      await Promise.all([git.close(), fetch.proxy.close()]);
    }
  });
});
