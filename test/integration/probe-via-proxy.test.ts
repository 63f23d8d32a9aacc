// Issue 10: the probe goes the way go goes (http.ProxyFromEnvironment): an https GOPROXY through
// HTTPS_PROXY is tunnelled with CONNECT, so a proxy that refuses or never answers the tunnel is
// what the probe reports — not a DNS failure of a host go never resolves itself.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { probeAll } from '../../src/snapshot/probe/probe';
import { probeTargets } from '../../src/snapshot/probe/targets';
import { startGoGetProxy } from '../helpers/go-get-proxy';
import { startSilentServer } from '../helpers/misbehaving-servers';

const STEP_MS = 300;

const targetsVia = (proxyUrl: string) =>
  probeTargets({ goproxy: 'https://proxy.invalid', gosumdb: 'off', sockets: [], env: { HTTPS_PROXY: proxyUrl } }).filter((t) => t.role === 'proxy');

test('an https GOPROXY through a proxy that refuses CONNECT: the refusal, with its status', async () => {
  const proxy = await startGoGetProxy({}); // refuses every CONNECT with 403
  try {
    const [result] = await probeAll(targetsVia(proxy.url), STEP_MS);
    assert.deepEqual(
      { via: result.via, ok: result.ok, dns: result.dns_ms, tls: result.tls_ms, error: result.error },
      { via: `127.0.0.1:${proxy.port}`, ok: false, dns: null, tls: null, error: 'the HTTP proxy refused CONNECT proxy.invalid:443: HTTP 403' },
    );
    assert.deepEqual(proxy.requests, ['CONNECT proxy.invalid:443']);
  } finally {
    await proxy.close();
  }
});

test('an https GOPROXY through a proxy that never answers CONNECT: bounded by the step limit', async () => {
  const silent = await startSilentServer();
  try {
    const started = performance.now();
    const [result] = await probeAll(targetsVia(`http://127.0.0.1:${silent.port}`), STEP_MS);
    assert.equal(result.error, `the HTTP proxy did not answer CONNECT within ${STEP_MS}ms`);
    assert.ok(typeof result.connect_ms === 'number', 'the proxy accepted the connection');
    assert.ok(performance.now() - started < 4 * STEP_MS + 1000, 'bounded');
    assert.match(silent.received(), /^CONNECT proxy\.invalid:443 HTTP\/1\.1\r\n/);
  } finally {
    await silent.close();
  }
});
