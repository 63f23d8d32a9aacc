// The live probe against real loopback servers that misbehave the way hung proxies do.
// No traffic leaves loopback: every server is on 127.0.0.1, and names resolve through /etc/hosts
// (localhost) or a loopback DNS server.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseNetTcp } from '../../src/monitor/net-tcp';
import { type ProbeResult, probeAll } from '../../src/snapshot/probe/probe';
import { type ProbeTarget, probeTargets } from '../../src/snapshot/probe/targets';
import { LOAD_SLACK_MS } from '../helpers/bounds';
import {
  startDnsServer,
  startHangUpServer,
  startHttpServer,
  startSilentServer,
  startStallingListener,
  startTlsServer,
  unusedPort,
} from '../helpers/misbehaving-servers';
import { waitUntil } from '../helpers/processes';

const STEP_MS = 300;
// probeAll's promise: about 4 steps; the margin absorbs a loaded machine. Without the step limits
// these probes would wait minutes (a SYN retried by the kernel) or for ever (a silent server).
const BOUND_MS = 4 * STEP_MS + LOAD_SLACK_MS;

function urlTarget(url: string, role: ProbeTarget['role'] = 'proxy'): ProbeTarget {
  const u = new URL(url);
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  return { target: `${u.hostname}:${port}`, role, url, tls: u.protocol === 'https:' };
}

async function probeOne(target: ProbeTarget, options = {}): Promise<{ result: ProbeResult; ms: number }> {
  const started = performance.now();
  const [result] = await probeAll([target], STEP_MS, options);
  return { result, ms: performance.now() - started };
}

test('a healthy HTTP server: ok, timings, status 200, one plain GET with Connection: close', async () => {
  const server = await startHttpServer(200);
  try {
    const { result } = await probeOne(urlTarget(`${server.url}/`));
    assert.equal(result.ok, true, result.error ?? '');
    assert.equal(result.http_status, 200);
    assert.equal(result.error, null);
    assert.equal(result.dns_ms, null, 'an IP literal needs no lookup');
    assert.equal(result.address, '127.0.0.1');
    assert.ok(typeof result.connect_ms === 'number' && result.connect_ms >= 0);
    assert.equal(result.tls_ms, null);
    assert.equal(server.requests.length, 1);
    assert.equal(server.requests[0].method, 'GET');
    assert.equal(server.requests[0].url, '/');
    assert.equal(server.requests[0].headers.connection, 'close');
  } finally {
    await server.close();
  }
});

test('a host name goes through the system resolver first (localhost, from /etc/hosts)', async () => {
  const server = await startHttpServer(404);
  try {
    const { result } = await probeOne(urlTarget(`http://localhost:${server.port}/`));
    assert.equal(result.ok, true, 'a 404 still proves the proxy answers');
    assert.equal(result.http_status, 404);
    assert.ok(typeof result.dns_ms === 'number' && result.dns_ms >= 0);
    assert.equal(result.address, '127.0.0.1');
  } finally {
    await server.close();
  }
});

test('proxy-unresponsive: accepts, never answers → connected, no HTTP answer, within the bound', async () => {
  const server = await startSilentServer();
  try {
    const { result, ms } = await probeOne(urlTarget(`http://127.0.0.1:${server.port}/`));
    assert.equal(result.ok, false);
    assert.ok(typeof result.connect_ms === 'number');
    assert.equal(result.http_status, null);
    assert.equal(result.error, `no HTTP answer within ${STEP_MS}ms`);
    assert.ok(ms >= STEP_MS - 5 && ms < BOUND_MS, `took ${ms} ms`);
    assert.match(server.received(), /^GET \/ HTTP\/1\.1\r\n/, 'the request reached the server');
  } finally {
    await server.close();
  }
});

test('nothing listening → "connection refused", fast', async () => {
  const port = await unusedPort();
  const { result, ms } = await probeOne({ target: `127.0.0.1:${port}`, role: 'other', url: null, tls: false });
  assert.equal(result.ok, false);
  assert.equal(result.error, 'connection refused');
  assert.equal(result.connect_ms, null);
  // The error, not the clock, shows the step's limit was not waited out (load can stall any clock).
  assert.ok(ms < BOUND_MS, `took ${ms} ms`);
});

test('connect-stall: a full accept queue drops the SYN → SYN_SENT, then "connect timed out"', async () => {
  const listener = await startStallingListener();
  try {
    const probing = probeOne(urlTarget(`http://127.0.0.1:${listener.port}/`));
    let probed = false;
    void probing.then(() => (probed = true));
    // The kernel's own view while the probe waits: the probe's socket is in SYN_SENT. Looked at
    // until it shows (or the probe is over), not once after a sleep that load may stretch past the step.
    let states: string[] = [];
    const synSent = () => states.filter((state) => state === 'SYN_SENT');
    await waitUntil(
      () => {
        states = parseNetTcp(fs.readFileSync('/proc/net/tcp', 'utf8'))
          .filter((s) => s.remote === `127.0.0.1:${listener.port}`)
          .map((s) => s.state);
        return probed || synSent().length > 0;
      },
      BOUND_MS,
      5,
    );
    assert.deepEqual(synSent(), ['SYN_SENT'], `socket states: ${states.join(', ')}`);
    const { result, ms } = await probing;
    assert.equal(result.ok, false);
    assert.equal(result.error, `connect timed out after ${STEP_MS}ms`);
    assert.equal(result.connect_ms, null);
    assert.equal(result.http_status, null);
    assert.ok(ms >= STEP_MS - 5 && ms < BOUND_MS, `took ${ms} ms`);
  } finally {
    await listener.close();
  }
});

test('tls-stall: TCP accepted, the handshake never answered → "TLS handshake timed out"', async () => {
  const server = await startSilentServer();
  try {
    const { result, ms } = await probeOne(urlTarget(`https://127.0.0.1:${server.port}/`));
    assert.equal(result.ok, false);
    assert.ok(typeof result.connect_ms === 'number');
    assert.equal(result.tls_ms, null);
    assert.equal(result.http_status, null);
    assert.equal(result.error, `TLS handshake timed out after ${STEP_MS}ms`);
    assert.ok(ms < BOUND_MS, `took ${ms} ms`);
    assert.equal(server.received().charCodeAt(0), 0x16, 'a TLS ClientHello was sent');
  } finally {
    await server.close();
  }
});

test('a self-signed HTTPS server answers: ok, with the certificate problem noted and SNI sent', async () => {
  const server = await startTlsServer(200);
  try {
    const { result } = await probeOne(urlTarget(`https://localhost:${server.port}/`));
    assert.equal(result.ok, true);
    assert.equal(result.http_status, 200);
    assert.ok(typeof result.tls_ms === 'number');
    assert.match(result.error ?? '', /^TLS certificate not verified: \w+/);
    assert.deepEqual(server.servernames, ['localhost']);
  } finally {
    await server.close();
  }
});

test('URL-less targets: TCP only, or TCP + TLS when tls is set', async () => {
  const plain = await startSilentServer();
  const secure = await startTlsServer(200);
  try {
    const results = await probeAll(
      [
        { target: `127.0.0.1:${plain.port}`, role: 'other', url: null, tls: false },
        { target: `127.0.0.1:${secure.port}`, role: 'vcs', url: null, tls: true },
        { target: `127.0.0.1:${plain.port}`, role: 'vcs', url: null, tls: true },
      ],
      STEP_MS,
    );
    assert.deepEqual(
      results.map((r) => [r.ok, r.connect_ms !== null, r.tls_ms !== null, r.http_status]),
      [
        [true, true, false, null],
        [true, true, true, null],
        [false, true, false, null],
      ],
    );
    assert.equal(results[0].error, null);
    assert.equal(results[2].error, `TLS handshake timed out after ${STEP_MS}ms`);
    assert.equal(plain.received().includes('GET'), false, 'no HTTP request without a URL');
  } finally {
    await Promise.all([plain.close(), secure.close()]);
  }
});

test('a proxy demanding credentials answers 401 → ok; the probe sent none, though GOPROXY had some', async () => {
  const server = await startHttpServer(401);
  try {
    const targets = probeTargets({ goproxy: `http://alice:s3cret@127.0.0.1:${server.port}/go`, gosumdb: 'off', sockets: [] });
    assert.equal(targets.length, 1);
    const [result] = await probeAll(targets, STEP_MS);
    assert.equal(result.ok, true);
    assert.equal(result.http_status, 401);
    assert.equal(result.url, `http://***@127.0.0.1:${server.port}/go/`);
    assert.equal(server.requests.length, 1);
    const seen = server.requests[0];
    assert.equal(seen.url, '/go/');
    assert.equal(seen.headers.authorization, undefined);
    assert.equal(seen.headers.cookie, undefined);
    assert.doesNotMatch(JSON.stringify(seen), /alice|s3cret/);
  } finally {
    await server.close();
  }
});

test('a server error (503) is an answer but not ok; a hang-up before any answer is named', async () => {
  const failing = await startHttpServer(503);
  const hangUp = await startHangUpServer();
  try {
    const [error, closed] = await probeAll([urlTarget(`${failing.url}/`), urlTarget(`http://127.0.0.1:${hangUp.port}/`)], STEP_MS);
    assert.equal(error.ok, false);
    assert.equal(error.http_status, 503);
    assert.equal(error.error, 'the server answered HTTP 503');
    assert.equal(closed.ok, false);
    assert.equal(closed.http_status, null);
    assert.match(closed.error ?? '', /^connection (closed|reset) before an HTTP answer$/);
  } finally {
    await Promise.all([failing.close(), hangUp.close()]);
  }
});

test('DNS failure for a .invalid name → "DNS lookup failed: ENOTFOUND", fast', async () => {
  const dns = await startDnsServer('nxdomain');
  try {
    const { result, ms } = await probeOne(urlTarget('https://goproxy.example.invalid:443/'), { lookup: dns.lookup });
    assert.deepEqual(dns.queries, ['goproxy.example.invalid']);
    assert.equal(result.ok, false);
    assert.equal(result.error, 'DNS lookup failed: ENOTFOUND');
    assert.equal(result.dns_ms, null);
    assert.equal(result.connect_ms, null);
    assert.equal(result.address, null);
    assert.ok(ms < BOUND_MS, `took ${ms} ms`); // the error shows the step's limit was not waited out
  } finally {
    await dns.close();
  }
});

test('dns-stall: a resolver that never answers → "DNS lookup timed out"', async () => {
  const dns = await startDnsServer('silent');
  try {
    const { result, ms } = await probeOne(urlTarget('https://goproxy.example.invalid:443/'), { lookup: dns.lookup });
    assert.equal(result.ok, false);
    assert.equal(result.error, `DNS lookup timed out after ${STEP_MS}ms`);
    assert.ok(ms >= STEP_MS - 5 && ms < BOUND_MS, `took ${ms} ms`);
    await waitUntil(() => dns.pendingLookups() === 0, LOAD_SLACK_MS);
    assert.equal(dns.pendingLookups(), 0, 'the probe cancelled its lookup when it gave up');
  } finally {
    await dns.close();
  }
});

test('a name resolved by DNS is then connected to and asked over HTTP', async () => {
  const dns = await startDnsServer({ answer: '127.0.0.1' });
  const server = await startHttpServer(200);
  try {
    const { result } = await probeOne(urlTarget(`http://goproxy.example.invalid:${server.port}/`), { lookup: dns.lookup });
    assert.equal(result.ok, true, result.error ?? '');
    assert.ok(typeof result.dns_ms === 'number');
    assert.equal(result.address, '127.0.0.1');
    assert.equal(server.requests[0].headers.host, `goproxy.example.invalid:${server.port}`);
  } finally {
    await Promise.all([dns.close(), server.close()]);
  }
});

test('with HTTP_PROXY set: the GOPROXY URL is probed through the HTTP proxy, as go sends it (issue 10)', async () => {
  const dns = await startDnsServer({ answer: '127.0.0.1' });
  const goproxy = await startHttpServer(200);
  const httpProxy = await startSilentServer();
  try {
    const targets = probeTargets({
      goproxy: `http://goproxy.example.invalid:${goproxy.port},direct`,
      gosumdb: 'off',
      sockets: [],
      env: { HTTP_PROXY: `http://carol:pw@127.0.0.1:${httpProxy.port}` },
    });
    const results = await probeAll(targets, STEP_MS, { lookup: dns.lookup });
    assert.deepEqual(
      results.map((r) => [r.target, r.role, r.via, r.ok, r.dns_ms, r.error]),
      [
        [`goproxy.example.invalid:${goproxy.port}`, 'proxy', `127.0.0.1:${httpProxy.port}`, false, null, `no HTTP answer within ${STEP_MS}ms`],
        [`127.0.0.1:${httpProxy.port}`, 'other', null, true, null, null],
      ],
    );
    assert.equal(goproxy.requests.length, 0, 'the GOPROXY host itself is not asked: go would not ask it either');
    assert.match(
      httpProxy.received(),
      new RegExp(`^GET http://goproxy\\.example\\.invalid:${goproxy.port}/ HTTP/1\\.1\r\n`),
      'the proxy gets the absolute URL',
    );
    assert.ok(!/carol|pw/.test(httpProxy.received()), "the proxy's credentials are never sent");
  } finally {
    await Promise.all([dns.close(), goproxy.close(), httpProxy.close()]);
  }
});

test('every kind of hang at once: within about 4 steps, nothing left open afterwards', async () => {
  await sleep(20); // closed handles are released on a later turn of the event loop
  const handlesBefore = openHandles();
  const silent = await startSilentServer();
  const stalling = await startStallingListener();
  const healthy = await startHttpServer(200);
  const dns = await startDnsServer('silent');
  try {
    const started = performance.now();
    const results = await probeAll(
      [
        urlTarget(`http://127.0.0.1:${silent.port}/`),
        urlTarget(`https://127.0.0.1:${silent.port}/`),
        { target: `127.0.0.1:${silent.port}`, role: 'other', url: null, tls: false },
        urlTarget(`http://127.0.0.1:${stalling.port}/`),
        urlTarget(`${healthy.url}/`),
        urlTarget('https://stuck.example.invalid:443/'),
      ],
      STEP_MS,
      { lookup: dns.lookup },
    );
    const ms = performance.now() - started;
    assert.ok(ms < BOUND_MS, `took ${ms} ms`);
    assert.deepEqual(
      results.map((r) => r.ok),
      [false, false, true, false, true, false],
    );
    // While the servers still run: the probe's own sockets, timers and DNS queries are gone.
    const probeHandles = () => openHandles().filter((kind) => /Timeout|ReqWrap/.test(kind));
    await waitUntil(() => probeHandles().length === 0 && dns.pendingLookups() === 0, LOAD_SLACK_MS);
    assert.deepEqual(probeHandles(), []);
    assert.equal(dns.pendingLookups(), 0);
    const probeSockets = parseNetTcp(fs.readFileSync('/proc/net/tcp', 'utf8')).filter(
      (s) =>
        (s.state === 'SYN_SENT' && s.remote === `127.0.0.1:${stalling.port}`) ||
        (s.state === 'ESTABLISHED' && [silent.port, healthy.port].some((port) => s.remote === `127.0.0.1:${port}`)),
    );
    assert.deepEqual(probeSockets, []);
  } finally {
    await Promise.all([silent.close(), stalling.close(), healthy.close(), dns.close()]);
  }
  await waitUntil(() => JSON.stringify(openHandles()) === JSON.stringify(handlesBefore), LOAD_SLACK_MS);
  assert.deepEqual(openHandles(), handlesBefore);
});

/** Sockets, servers, timers and pending lookups alive in this process, by kind. */
function openHandles(): string[] {
  return process
    .getActiveResourcesInfo()
    .filter((kind) => kind !== 'TTYWrap' && kind !== 'PipeWrap')
    .sort();
}
