// Issues 3 and 4: a watched `go mod download` stuck on a server that misbehaves, on loopback:
// caught after the limit, go's goroutines dumped, the cause diagnosed and its evidence naming the
// server. One scenario per way a server can leave go waiting (docs/causes.md: proxy-unresponsive,
// connect-stall, tls-stall, sumdb-unresponsive). They run at once: each has its own servers,
// folders and database.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Snapshot } from '../../src/snapshot/snapshot';
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
import { startSilentServer, startStallingListener } from '../helpers/misbehaving-servers';
import { simpleModule, startModuleProxy } from '../helpers/module-proxy';
import { pidsWithArgument } from '../helpers/processes';
import { tempDir } from '../helpers/shim';
import { verifierKey } from '../helpers/sumdb-key';

describe('hangs on a server that misbehaves', { concurrency: true, timeout: 60_000 }, () => {
  test('proxy-unresponsive: a GOPROXY that accepts and never answers', async () => {
    const server = await startSilentServer();
    const dir = tempDir();
    const module = uniqueModule('silent');
    const args = ['mod', 'download', `${module}@v1.0.0`];
    let snapshot: Snapshot | undefined;
    try {
      const r = await runWatched(args, { cwd: appModule(dir), env: hangEnv(dir, { GOPROXY: `http://127.0.0.1:${server.port}` }) });
      ({ snapshot } = assertHangReport(r, 'proxy-unresponsive'));
      assert.ok(server.received().includes(`GET /${module}/@v/v1.0.0.info HTTP/1.1`), 'go asked the proxy');

      const socket = goProcess(snapshot).sockets.find((s) => s.remote === `127.0.0.1:${server.port}`);
      assert.equal(socket?.state, 'ESTABLISHED', "go's connection to the proxy is in the snapshot");
      const probe = snapshot.network.find((n) => n.target === `127.0.0.1:${server.port}`);
      assert.deepEqual({ role: probe?.role, ok: probe?.ok, http_status: probe?.http_status }, { role: 'proxy', ok: false, http_status: null });
      assert.ok(probe?.connect_ms !== null, 'the probe connected; only the answer is missing');
      assert.ok(
        stackFunctions(snapshot).some((f) => f.includes('modfetch.(*proxyRepo)')),
        "the dump shows go's proxy client",
      );

      assert.match(
        snapshot.diagnosis.summary,
        new RegExp(`^${literal(`GOPROXY http://127.0.0.1:${server.port}`)} accepted the connection but has not answered`),
      );
      assert.ok(snapshot.diagnosis.evidence.some((e) => e.includes(`→ 127.0.0.1:${server.port} ESTABLISHED`)));
      assert.ok(snapshot.diagnosis.suggestions.some((s) => s.includes(`GONOPROXY=${module}`)));
      await assertAllEnded(snapshot);
      assert.deepEqual(pidsWithArgument(module), [], 'no process of this run is left');
    } finally {
      endLeftovers(snapshot);
      await server.close();
    }
  });

  test('connect-stall: a GOPROXY whose connects are never answered (SYN_SENT)', async () => {
    const listener = await startStallingListener();
    const dir = tempDir();
    const module = uniqueModule('syn');
    let snapshot: Snapshot | undefined;
    try {
      const r = await runWatched(['mod', 'download', `${module}@v1.0.0`], {
        cwd: appModule(dir),
        env: hangEnv(dir, { GOPROXY: `http://127.0.0.1:${listener.port}` }),
      });
      ({ snapshot } = assertHangReport(r, 'connect-stall'));
      const socket = goProcess(snapshot).sockets.find((s) => s.remote === `127.0.0.1:${listener.port}`);
      assert.equal(socket?.state, 'SYN_SENT');
      const probe = snapshot.network.find((n) => n.target === `127.0.0.1:${listener.port}`);
      assert.deepEqual({ role: probe?.role, ok: probe?.ok, connect_ms: probe?.connect_ms }, { role: 'proxy', ok: false, connect_ms: null });
      assert.ok(
        stackFunctions(snapshot).some((f) => f.startsWith('net.(*netFD).connect')),
        'the dump shows go in connect',
      );
      assert.equal(snapshot.diagnosis.summary, `go cannot connect to GOPROXY http://127.0.0.1:${listener.port}: the connection attempt gets no answer`);
      assert.ok(snapshot.diagnosis.evidence.some((e) => e.endsWith(`→ 127.0.0.1:${listener.port} is in SYN_SENT`)));
      await assertAllEnded(snapshot);
      assert.deepEqual(pidsWithArgument(module), []);
    } finally {
      endLeftovers(snapshot);
      await listener.close();
    }
  });

  // go's TLS handshake limit is 10 s: the 2 s limit catches the stall first.
  test('tls-stall: an https GOPROXY that accepts and never speaks TLS', async () => {
    const server = await startSilentServer();
    const dir = tempDir();
    const module = uniqueModule('tls');
    let snapshot: Snapshot | undefined;
    try {
      const r = await runWatched(['mod', 'download', `${module}@v1.0.0`], {
        cwd: appModule(dir),
        env: hangEnv(dir, { GOPROXY: `https://127.0.0.1:${server.port}` }),
      });
      ({ snapshot } = assertHangReport(r, 'tls-stall'));
      assert.equal(server.received().charCodeAt(0), 0x16, 'go sent a TLS ClientHello');
      const socket = goProcess(snapshot).sockets.find((s) => s.remote === `127.0.0.1:${server.port}`);
      assert.equal(socket?.state, 'ESTABLISHED');
      const probe = snapshot.network.find((n) => n.target === `127.0.0.1:${server.port}`);
      assert.equal(probe?.ok, false);
      assert.equal(probe?.tls_ms, null, 'the probe connected but never finished TLS');
      assert.match(probe?.error ?? '', /TLS/);
      assert.ok(
        stackFunctions(snapshot).some((f) => f.startsWith('crypto/tls.(*Conn).')),
        'the dump shows the handshake',
      );
      assert.equal(snapshot.diagnosis.summary, `the TLS handshake with GOPROXY https://127.0.0.1:${server.port} never finishes`);
      await assertAllEnded(snapshot);
      assert.deepEqual(pidsWithArgument(module), []);
    } finally {
      endLeftovers(snapshot);
      await server.close();
    }
  });

  // A healthy proxy serves the module; the checksum database (GOSUMDB with an explicit URL, so go
  // asks it directly) accepts the lookup and never answers.
  test('sumdb-unresponsive: the checksum database accepts and never answers', async () => {
    const module = uniqueModule('summed');
    const proxy = await startModuleProxy([simpleModule(module, 'v1.0.0')]);
    const sumdb = await startSilentServer();
    const dir = tempDir();
    let snapshot: Snapshot | undefined;
    try {
      const r = await runWatched(['mod', 'download', `${module}@v1.0.0`], {
        cwd: appModule(dir),
        env: hangEnv(dir, { GOPROXY: proxy.url, GOSUMDB: `${verifierKey('sum.example.test')} http://127.0.0.1:${sumdb.port}` }),
      });
      ({ snapshot } = assertHangReport(r, 'sumdb-unresponsive'));
      // go checks the go.mod's checksum before it fetches the zip.
      assert.ok(proxy.requests.includes(`/${module}/@v/v1.0.0.mod`), 'the proxy served the module');
      assert.ok(sumdb.received().includes(`GET /lookup/${module}@v1.0.0 HTTP/1.1`), 'go asked the checksum database');
      const socket = goProcess(snapshot).sockets.find((s) => s.remote === `127.0.0.1:${sumdb.port}`);
      assert.equal(socket?.state, 'ESTABLISHED');
      const probe = snapshot.network.find((n) => n.target === `127.0.0.1:${sumdb.port}`);
      assert.deepEqual({ role: probe?.role, ok: probe?.ok }, { role: 'sumdb', ok: false });
      const healthy = snapshot.network.find((n) => n.target === `127.0.0.1:${proxy.port}`);
      assert.deepEqual({ role: healthy?.role, ok: healthy?.ok }, { role: 'proxy', ok: true }, 'the proxy itself answers the probe');
      assert.ok(stackFunctions(snapshot).some((f) => f.includes('sumdb.(*Client)') || f.includes('modfetch.(*dbClient)')));
      assert.match(snapshot.diagnosis.summary, new RegExp(`^${literal(`the checksum database http://127.0.0.1:${sumdb.port}`)} has not answered`));
      assert.ok(snapshot.diagnosis.suggestions.some((s) => s.includes(`GOPRIVATE=${module}`)));
      await assertAllEnded(snapshot);
      assert.deepEqual(pidsWithArgument(module), []);
    } finally {
      endLeftovers(snapshot);
      await Promise.all([proxy.close(), sumdb.close()]);
    }
  });
});
