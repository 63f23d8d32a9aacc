// Issues 3 and 4: `GOPROXY=direct` fetches where git is what waits (docs/causes.md: vcs-unresponsive,
// vcs-credential-prompt), with no name ever resolved. go 1.19 with GOINSECURE=example.test first
// tries https://example.test/…?go-get=1 through HTTPS_PROXY; our loopback proxy refuses the
// CONNECT, so go retries over http:// through HTTP_PROXY, and the proxy answers with a go-import
// tag naming a git server on 127.0.0.1 — which git (libcurl) reaches directly, NO_PROXY=127.0.0.1.
// (Checked by hand with `go mod download -x`: CONNECT example.test:443 → 403, GET
// http://example.test/repo?go-get=1 → 200, then git init/remote add/tag -l/ls-remote -q origin.)
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Snapshot } from '../../src/snapshot/snapshot';
import { directFetch } from '../helpers/direct-fetch';
import { assertAllEnded, assertHangReport, endLeftovers, literal, stackFunctions } from '../helpers/hang-run';
import { startHttpServer, startSilentServer } from '../helpers/misbehaving-servers';
import { childrenOf, killAll, pidsWithArgument } from '../helpers/processes';
import { REPO, tempDir } from '../helpers/shim';

const CREDENTIAL_HELPER = path.join(REPO, 'test', 'fixtures', 'git-credential-stuck');

// go 1.19 runs `git ls-remote -q origin`; newer go names the URL after --end-of-options.
const lsRemote = (gitUrl: string) => new RegExp(`^git ls-remote -q (origin|--end-of-options ${literal(gitUrl)})$`);

const named = (snapshot: Snapshot, name: string) => snapshot.processes.filter((p) => p.argv.some((a) => path.basename(a) === name));

describe('hangs in git, under a direct fetch', { concurrency: true, timeout: 60_000 }, () => {
  test('vcs-unresponsive: the git server accepts and never answers', async () => {
    const git = await startSilentServer();
    const fetch = await directFetch(git);
    let snapshot: Snapshot | undefined;
    try {
      const r = await fetch.run();
      ({ snapshot } = assertHangReport(r, 'vcs-unresponsive'));
      assert.deepEqual(
        fetch.proxy.requests,
        ['CONNECT example.test:443', `GET http://${fetch.importPath}?go-get=1`],
        'no name resolved: only the proxy was asked',
      );
      assert.match(git.received(), /^GET \/repo\.git\/info\/refs\?service=git-upload-pack HTTP\/1\.1/, 'git asked the git server');

      // go → git ls-remote → git remote-http → git-remote-http, the last one connected.
      assert.match(
        named(snapshot, 'git')
          .find((p) => p.argv.includes('ls-remote'))
          ?.argv.join(' ') ?? '',
        lsRemote(fetch.gitUrl),
      );
      const remote = snapshot.processes.find((p) => path.basename(p.argv[0] ?? '') === 'git-remote-http');
      assert.ok(remote, 'git-remote-http is in the snapshot');
      assert.ok(['origin', fetch.gitUrl].includes(remote.argv[1]) && remote.argv[2] === fetch.gitUrl, remote.argv.join(' '));
      assert.ok(
        remote.sockets.some((s) => s.remote === `127.0.0.1:${git.port}` && s.state === 'ESTABLISHED'),
        'its connection to the git server',
      );
      assert.ok(
        stackFunctions(snapshot).some((f) => f.includes('modfetch/codehost')),
        'go waits under codehost',
      );

      const d = snapshot.diagnosis;
      assert.match(d.summary, new RegExp(`^${literal(remote.argv.join(' '))} is waiting on ${literal(`127.0.0.1:${git.port} (ESTABLISHED)`)}`));
      assert.ok(
        d.evidence.includes(`child pid ${remote.pid}: ${remote.argv.join(' ')} (state ${remote.state}${remote.wchan ? `, in ${remote.wchan}` : ''})`),
        d.evidence.join('\n'),
      );
      // The probe only connects to a git server: that must not read as "it answers".
      assert.ok(!d.evidence.some((e) => /answers now/.test(e)), d.evidence.join('\n'));
      await assertAllEnded(snapshot, 'go and its git descendants');
    } finally {
      endLeftovers(snapshot);
      await Promise.all([git.close(), fetch.proxy.close()]);
    }
  });

  // The git server wants credentials (401, WWW-Authenticate: Basic); git asks its credential
  // helper, which never answers. go's GIT_TERMINAL_PROMPT=0 does not help: helpers run first.
  test('vcs-credential-prompt: git waits on a credential helper that never answers', async () => {
    const git = await startHttpServer(401);
    // A copy at a path of this test's own, so that even a failed run's helper is found and ended.
    const helperPath = path.join(tempDir(), 'git-credential-stuck');
    fs.copyFileSync(CREDENTIAL_HELPER, helperPath);
    const fetch = await directFetch(git, () => ({
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'credential.helper',
      GIT_CONFIG_VALUE_0: helperPath,
    }));
    let snapshot: Snapshot | undefined;
    try {
      const r = await fetch.run();
      ({ snapshot } = assertHangReport(r, 'vcs-credential-prompt'));
      assert.ok(
        git.requests.some((q) => q.url === '/repo.git/info/refs?service=git-upload-pack'),
        'git asked the git server',
      );

      const helper = snapshot.processes.find((p) => p.argv[1] === helperPath);
      assert.ok(helper, `the credential helper is in the snapshot:\n${snapshot.processes.map((p) => p.argv.join(' ')).join('\n')}`);
      assert.deepEqual(helper.argv.slice(2), ['get']);
      const sleeper = snapshot.processes.find((p) => p.ppid === helper.pid);
      assert.deepEqual(sleeper?.argv, ['sleep', '300'], "the helper's own child");
      assert.ok(named(snapshot, 'git-remote-http').length === 1, 'below git-remote-http');

      const d = snapshot.diagnosis;
      assert.match(d.summary, new RegExp(`^${literal(helper.argv.join(' '))} is waiting for credentials that no one will type`));
      assert.ok(
        d.evidence.some((e) => e.startsWith(`child pid ${helper.pid}: ${helper.argv.join(' ')}`)),
        d.evidence.join('\n'),
      );
      assert.ok(
        d.evidence.some((e) => e.startsWith('under git: ') && lsRemote(fetch.gitUrl).test(e.slice('under git: '.length))),
        d.evidence.join('\n'),
      );
      await assertAllEnded(snapshot, 'go, git, git-remote-http, the credential helper and its sleep');
    } finally {
      endLeftovers(snapshot);
      const helpers = pidsWithArgument(helperPath);
      killAll([...helpers.flatMap(childrenOf), ...helpers]);
      await Promise.all([git.close(), fetch.proxy.close()]);
    }
  });
});
