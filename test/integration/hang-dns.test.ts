// Issue 4, dns-stall: go's lookup of the GOPROXY host gets no answer. Done for real without asking
// any real resolver: the run happens in a sandbox (test/helpers/dns-sandbox.ts: its own network
// namespace with only loopback, /etc/resolv.conf privately replaced) whose one nameserver,
// 127.0.0.1:53, never answers. The name, proxy.dns.test, is asked of that server only.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Snapshot } from '../../src/snapshot/snapshot';
import { dnsSandbox } from '../helpers/dns-sandbox';
import {
  appModule,
  assertAllEnded,
  assertHangReport,
  endLeftovers,
  goProcess,
  hangEnv,
  literal,
  runWatched,
  stackFunctions,
  uniqueModule,
} from '../helpers/hang-run';
import { tempDir } from '../helpers/shim';

/** How long glibc's resolver waits on a nameserver that never answers (resolv.conf defaults: timeout 5 s, 2 attempts). */
const RESOLVER_WAIT_MS = 2 * 5000;

test('dns-stall: the GOPROXY host name never resolves; the summary names it', { timeout: 60_000 }, async () => {
  const dir = tempDir();
  const sandbox = dnsSandbox(dir);
  const module = uniqueModule('dns');
  let snapshot: Snapshot | undefined;
  try {
    const r = await runWatched(['mod', 'download', `${module}@v1.0.0`], {
      cwd: appModule(dir),
      env: hangEnv(dir, { GOPROXY: 'http://proxy.dns.test' }),
      via: sandbox.wrap,
    });
    const report = assertHangReport(r, 'dns-stall');
    ({ snapshot } = report);
    assert.ok(sandbox.queries().includes('proxy.dns.test'), `go asked the sandbox's nameserver: ${sandbox.queries().join(', ')}`);
    assert.deepEqual(goProcess(snapshot).sockets, [], 'no connection yet: go is still looking the name up');
    const probe = snapshot.network.find((n) => n.role === 'proxy');
    assert.deepEqual(
      { target: probe?.target, ok: probe?.ok, dns_ms: probe?.dns_ms, error: probe?.error },
      { target: 'proxy.dns.test:80', ok: false, dns_ms: null, error: 'DNS lookup timed out after 300ms' },
    );
    assert.ok(
      stackFunctions(snapshot).some((f) => /goLookupIP|net\.\(\*Resolver\)|cgoLookup|getaddrinfo/.test(f)),
      'the dump shows the resolver',
    );
    assert.match(snapshot.diagnosis.summary, new RegExp(`^${literal('go is still resolving proxy.dns.test (GOPROXY http://proxy.dns.test) after ')}`));
    assert.ok(snapshot.diagnosis.suggestions.some((s) => s.endsWith('getent hosts proxy.dns.test')));
    // The probe's own lookup, stuck too, must not hold the shim once the run is recorded (in-process
    // getaddrinfo did: Node waits for it at exit, here for the resolver's 10 s: glibc's 5 s timeout, 2 attempts).
    // Half of that leaves the exit room under load and still tells the two apart.
    const afterEndMs = r.elapsedMs - (report.run.duration_ms ?? 0);
    assert.ok(afterEndMs < RESOLVER_WAIT_MS / 2, `the shim ended ${afterEndMs} ms after the run's end was recorded`);
    await assertAllEnded(snapshot);
  } finally {
    endLeftovers(snapshot);
  }
});
