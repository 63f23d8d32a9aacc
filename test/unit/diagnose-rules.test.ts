// Each diagnosis rule on a captured snapshot (test/fixtures/snapshots/README.md). Cases a
// loopback scenario cannot make real here are derived from the captured one, each named.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { diagnose } from '../../src/diagnose/diagnose';
import type { Frame, Goroutine } from '../../src/snapshot/goroutine-dump';
import type { Snapshot } from '../../src/snapshot/snapshot';

type Partial = Omit<Snapshot, 'diagnosis'>;

function captured(): Partial {
  const file = path.join(__dirname, '../../../test/fixtures/snapshots/go1.19-proxy-unresponsive.json');
  const { diagnosis: _stored, ...rest } = JSON.parse(fs.readFileSync(file, 'utf8')) as Snapshot;
  return rest;
}

const frame = (fn: string): Frame => ({ function: fn, file: '/usr/local/go/src/x.go', line: 1 });
const goroutine = (id: number, state: string, fns: string[]): Goroutine => ({
  id,
  state,
  wait_minutes: 0,
  locked_to_thread: false,
  frames: fns.map(frame),
  created_by: null,
});

/** go's own process, its sockets replaced. */
function withGoSockets(s: Partial, sockets: Partial['processes'][number]['sockets']): Partial {
  return { ...s, processes: s.processes.map((p) => (p.pid === s.go_pid ? { ...p, sockets } : p)) };
}

const proxyPort = (s: Partial) => new URL(s.go_env!.GOPROXY).port;

test('captured: a proxy that accepted the connection and never answered', () => {
  const s = captured();
  const d = diagnose(s);
  assert.equal(d.cause, 'proxy-unresponsive');
  assert.match(d.summary, new RegExp(`^GOPROXY http://127\\.0\\.0\\.1:${proxyPort(s)} accepted the connection but has not answered for 2s$`));
  assert.ok(
    d.evidence.some((e) => e.includes(`→ 127.0.0.1:${proxyPort(s)} ESTABLISHED`)),
    'names the socket',
  );
  assert.ok(
    d.evidence.some((e) => /no HTTP answer/.test(e)),
    'cites the probe',
  );
  assert.ok(
    d.suggestions.some((e) => e.includes('GONOPROXY=example.com/dep')),
    'names the module from the command',
  );
});

test('derived: the proxy answers the probe now — said to be intermittent', () => {
  const s = captured();
  const healthy = { ...s, network: s.network.map((p) => ({ ...p, ok: true, http_status: 404, error: null })) };
  const d = diagnose(healthy);
  assert.equal(d.cause, 'proxy-unresponsive');
  assert.match(d.summary, /intermittent/);
});

test('derived: the last line is a toolchain download (GOTOOLCHAIN=auto, Go ≥ 1.21)', () => {
  const s = captured();
  const d = diagnose({ ...s, stderr_tail: ['go: downloading go1.25.0 (linux/amd64)'], go_env: { ...s.go_env!, GOTOOLCHAIN: 'auto' } });
  assert.equal(d.cause, 'toolchain-download');
  assert.match(d.summary, /downloading go1\.25\.0 \(GOTOOLCHAIN=auto\)/);
  assert.ok(d.suggestions.some((x) => x.startsWith('GOTOOLCHAIN=local')));
});

test('derived: go still resolving the proxy host (no socket, resolver frames, failing lookup)', () => {
  const s = withGoSockets(captured(), []);
  const d = diagnose({
    ...s,
    goroutines: {
      raw: null,
      parsed: [
        goroutine(19, 'select', [
          'net.(*Resolver).lookupIPAddr',
          'net.(*Resolver).LookupIPAddr',
          'net/http.(*Transport).dialConn',
          'cmd/go/internal/modfetch.(*proxyRepo).getBytes',
        ]),
      ],
    },
    network: s.network.map((p) => ({ ...p, dns_ms: null, connect_ms: null, ok: false, error: 'DNS lookup timed out after 3s' })),
  });
  assert.equal(d.cause, 'dns-stall');
  assert.ok(d.suggestions.some((x) => x.includes('GODEBUG=netdns=go')));
});

test('derived: a TLS handshake that never finishes', () => {
  const s = captured();
  const d = diagnose({
    ...s,
    goroutines: {
      raw: null,
      parsed: [
        goroutine(19, 'IO wait', [
          'net.(*conn).Read',
          'crypto/tls.(*Conn).readHandshake',
          'crypto/tls.(*Conn).clientHandshake',
          'crypto/tls.(*Conn).Handshake',
          'net/http.(*persistConn).addTLS',
        ]),
      ],
    },
    go_env: { ...s.go_env!, GOVERSION: 'go1.24.1' },
  });
  assert.equal(d.cause, 'tls-stall');
  assert.match(d.summary, /TLS handshake with GOPROXY http:\/\/127\.0\.0\.1:\d+ never finishes/);
  assert.ok(
    d.suggestions.some((x) => x.includes('GODEBUG=tlsmlkem=0')),
    'Go 1.24+ gets the ML-KEM hint',
  );
});

test('derived: an idle go with nothing to point at is unknown, and says plainly what was seen', () => {
  const s = withGoSockets(captured(), []);
  const d = diagnose({ ...s, network: [], goroutines: { raw: null, parsed: [goroutine(1, 'chan receive', ['main.main'])] } });
  assert.equal(d.cause, 'unknown');
  assert.match(d.summary, /^no activity for 2s$/);
  assert.ok(d.suggestions.some((x) => x.includes('-x')));
});
