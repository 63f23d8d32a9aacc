// Issue 10, continued (see hang-chain.test.ts): git's own structure — its ssh transport waiting on
// the agent, and VCS stamping waiting on git status — named from the chain, not from names.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Snapshot } from '../../src/snapshot/snapshot';
import { script } from '../helpers/direct-fetch';
import { startGoGetProxy } from '../helpers/go-get-proxy';
import { assertAllEnded, assertHangReport, endLeftovers, hangEnv, runWatched } from '../helpers/hang-run';
import { childrenOf, killAll, pidsWithArgument } from '../helpers/processes';
import { tempDir, writeModule } from '../helpers/shim';

const chainOf = (s: Snapshot) => s.wait_chain ?? [];
const endAll = (marker: string) => {
  const pids = pidsWithArgument(marker);
  killAll([...pids.flatMap(childrenOf), ...pids]);
};

describe('the wait chain through git', { concurrency: true, timeout: 90_000 }, () => {
  // No ssh server runs here, so ssh never gets as far as asking its agent. What is real: git's
  // transport (GIT_SSH_COMMAND, a script of any name) talks to the agent at $SSH_AUTH_SOCK with
  // ssh-add, and the agent — a unix socket that accepts and never answers, as one waiting for a
  // confirmation does — holds it up. The chain, the socket and the rule are the real ones.
  test('agent-prompt: the transport git runs waits on the ssh agent at $SSH_AUTH_SOCK', async () => {
    const work = tempDir();
    const agentPath = path.join(work, 'agent.sock');
    const sockets: net.Socket[] = [];
    const agent = net.createServer((s) => void sockets.push(s));
    await new Promise<void>((resolve) => agent.listen(agentPath, resolve));
    const transport = script(path.join(work, 'bin'), 'tunnel-5', 'ssh-add -l\nexit 1');
    const importPath = `example.test/agent${Date.now().toString(36)}`;
    const proxy = await startGoGetProxy({ [importPath]: 'ssh://git@127.0.0.1:1/repo.git' });
    const dir = tempDir();
    const env = hangEnv(dir, {
      GOPROXY: 'direct',
      GOPRIVATE: 'example.test',
      GOINSECURE: 'example.test',
      HTTP_PROXY: proxy.url,
      HTTPS_PROXY: proxy.url,
      NO_PROXY: '127.0.0.1',
      GIT_SSH_COMMAND: transport,
      SSH_AUTH_SOCK: agentPath,
    });
    let snapshot: Snapshot | undefined;
    try {
      const r = await runWatched(['mod', 'download', `${importPath}@v1.0.0`], {
        cwd: writeModule(path.join(dir, 'app'), { 'go.mod': 'module example.com/app\n\ngo 1.19\n' }),
        env,
      });
      ({ snapshot } = assertHangReport(r, 'agent-prompt'));
      const leaf = chainOf(snapshot).at(-1);
      assert.deepEqual(
        { role: leaf?.role, argv: leaf?.argv, kind: leaf?.waits_on.kind, peer: leaf?.waits_on.peer, peerRole: leaf?.waits_on.peer_role },
        { role: 'transport', argv: ['ssh-add', '-l'], kind: 'socket', peer: agentPath, peerRole: 'agent' },
        JSON.stringify(chainOf(snapshot)),
      );
      const d = snapshot.diagnosis;
      assert.ok(d.summary.startsWith(`ssh-add -l (pid ${leaf!.pid}) waits on the ssh agent at ${agentPath}`), d.summary);
      assert.ok(d.suggestions.some((s) => s.includes('ssh-add -l')) && d.suggestions.some((s) => s.includes('without confirmation')), d.suggestions.join('\n'));
      await assertAllEnded(snapshot);
    } finally {
      endLeftovers(snapshot);
      endAll(transport);
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => agent.close(resolve));
      await proxy.close();
    }
  });

  test('buildvcs-git: go build stamps VCS information and git status waits on its fsmonitor hook', async () => {
    const dir = tempDir();
    const repo = path.join(dir, 'repo');
    const app = writeModule(path.join(repo, 'app'), { 'go.mod': 'module example.com/app\n\ngo 1.19\n', 'main.go': 'package main\n\nfunc main() {}\n' });
    const gitEnv = { ...process.env, HOME: dir, GIT_CONFIG_NOSYSTEM: '1' };
    const sh = (args: string[]) => execFileSync('git', ['-C', repo, ...args], { env: gitEnv, stdio: 'ignore' });
    sh(['init', '-q', '.']);
    sh(['add', '-A']);
    sh(['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'init']);
    // A first status with a hook that answers at once writes the token; later ones ask the hook.
    const quick = script(path.join(dir, 'hooks'), 'quick', 'printf "token\\0"');
    sh(['-c', `core.fsmonitor=${quick}`, 'status', '--porcelain']);
    const watcher = script(path.join(dir, 'hooks'), 'watch-3', 'exec sleep 300');
    sh(['config', 'core.fsmonitor', watcher]);
    const env = hangEnv(dir, { GIT_CONFIG_NOSYSTEM: '1' });
    let snapshot: Snapshot | undefined;
    try {
      const r = await runWatched(['build', '-o', path.join(dir, 'app.bin'), '.'], { cwd: app, env });
      ({ snapshot } = assertHangReport(r, 'buildvcs-git'));
      const [go, git] = chainOf(snapshot);
      assert.deepEqual(
        { go: go?.role, git: git?.role, cwd: git?.cwd },
        { go: 'go', git: 'git', cwd: repo },
        'git runs at the repository root, above the module',
      );
      assert.equal(git.argv.slice(0, 2).join(' '), 'git status');
      const hook = chainOf(snapshot).find((e) => e.role === 'hook');
      assert.ok(
        hook?.argv.some((a) => a.includes('sleep') || a.includes(watcher)),
        JSON.stringify(chainOf(snapshot)),
      );
      const d = snapshot.diagnosis;
      assert.ok(d.summary.includes(`waits on git status --porcelain (pid ${git.pid}) in ${repo}`), d.summary);
      assert.ok(
        d.suggestions.some((s) => s.includes('-buildvcs=false')),
        d.suggestions.join('\n'),
      );
      assert.ok(!d.suggestions.some((s) => /GOPROXY/.test(s)), 'no proxy advice');
      await assertAllEnded(snapshot);
    } finally {
      endLeftovers(snapshot);
      endAll(watcher);
    }
  });
});
