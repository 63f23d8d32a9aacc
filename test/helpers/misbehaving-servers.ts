// Small loopback servers that misbehave the way real proxies, databases and networks do when go
// hangs. Every one listens on 127.0.0.1 port 0 and has close(), which also ends its connections.
import { execFileSync } from 'node:child_process';
import * as dgram from 'node:dgram';
import { Resolver } from 'node:dns';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { Worker } from 'node:worker_threads';
import type { Lookup } from '../../src/snapshot/probe/dns-step';

const HOST = '127.0.0.1';

export interface Closable {
  port: number;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1:0; close() destroys open connections, then stops listening. */
export async function listenOnLoopback(server: net.Server): Promise<Closable> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (s: net.Socket) => (sockets.add(s), s.on('close', () => sockets.delete(s))));
  server.listen(0, HOST);
  await once(server, 'listening');
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface SeenRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface HttpServer extends Closable {
  url: string;
  requests: SeenRequest[];
}

/** Answers every request with `status` (401 comes with a WWW-Authenticate challenge). */
export async function startHttpServer(status = 200): Promise<HttpServer> {
  const requests: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const headers: http.OutgoingHttpHeaders = { 'content-type': 'text/plain' };
    if (status === 401) headers['www-authenticate'] = 'Basic realm="modules"';
    res.writeHead(status, headers).end(`status ${status}\n`);
  });
  const base = await listenOnLoopback(server);
  return { ...base, url: `http://${HOST}:${base.port}`, requests };
}

export interface SilentServer extends Closable {
  /** Everything clients sent, as text. */
  received(): string;
}

/** Accepts connections and reads them, never writes a byte: proxy-unresponsive, or a TLS stall. */
export async function startSilentServer(): Promise<SilentServer> {
  const chunks: Buffer[] = [];
  const server = net.createServer((s) => s.on('data', (d) => chunks.push(d)));
  const base = await listenOnLoopback(server);
  return { ...base, received: () => Buffer.concat(chunks).toString('latin1') };
}

/** Accepts and closes each connection at once, without a byte. */
export async function startHangUpServer(): Promise<Closable> {
  return listenOnLoopback(net.createServer((s) => s.end()));
}

/** A loopback port where nothing listens (it was free a moment ago). */
export async function unusedPort(): Promise<number> {
  const { port, close } = await listenOnLoopback(net.createServer());
  await close();
  return port;
}

// The listener lives in a worker whose event loop is then blocked: the kernel completes handshakes
// into the accept queue, nobody accepts, and once the queue is full further SYNs are dropped.
const NEVER_ACCEPTS = `
const { parentPort, workerData } = require('node:worker_threads');
const server = require('node:net').createServer();
server.listen({ port: 0, host: '${HOST}', backlog: 1 }, () => {
  parentPort.postMessage(server.address().port);
  Atomics.wait(workerData.wake, 0, 0);
  server.close();
});
`;

/**
 * A port whose connects stall in SYN_SENT (connect-stall) without any traffic leaving loopback:
 * a listener that never accepts, its accept queue filled first. Node treats backlog 0 as "default",
 * so backlog 1 is used; the queue is filled until a connect does not complete.
 */
export async function startStallingListener(): Promise<Closable> {
  const wake = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(NEVER_ACCEPTS, { eval: true, workerData: { wake } });
  const [port] = (await once(worker, 'message')) as [number];
  const fillers: net.Socket[] = [];
  const close = async (): Promise<void> => {
    for (const s of fillers) s.destroy();
    Atomics.store(wake, 0, 1);
    Atomics.notify(wake, 0);
    await once(worker, 'exit');
  };
  for (let i = 0; i < 8; i++) {
    const socket = net.connect(port, HOST);
    socket.on('error', () => {});
    if (!(await connectsWithin(socket, 250))) {
      socket.destroy(); // it proved the queue full; only the caller's connects may stall now
      return { port, close };
    }
    fillers.push(socket);
  }
  await close();
  throw new Error('startStallingListener: the accept queue never filled; connects do not stall on this kernel');
}

function connectsWithin(socket: net.Socket, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    socket.once('connect', () => (clearTimeout(timer), resolve(true)));
  });
}

let certificate: { key: string; cert: string } | undefined;

/** A throwaway self-signed certificate for CN=localhost, made once per test process with openssl. */
export function selfSignedCertificate(): { key: string; cert: string } {
  if (certificate) return certificate;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'probe-cert-'));
  try {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync(
      '/usr/bin/openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
      ],
      { stdio: 'ignore' },
    );
    certificate = { key: fs.readFileSync(key, 'utf8'), cert: fs.readFileSync(cert, 'utf8') };
    return certificate;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface TlsServer extends Closable {
  /** The SNI name of each handshake (null when the client sent none). */
  servernames: (string | null)[];
}

/** An HTTPS server with a self-signed certificate, answering `status`. */
export async function startTlsServer(status = 200): Promise<TlsServer> {
  const servernames: (string | null)[] = [];
  const server = https.createServer(selfSignedCertificate(), (_req, res) => res.writeHead(status).end('ok\n'));
  server.on('secureConnection', (s: TLSSocket) => servernames.push(typeof s.servername === 'string' ? s.servername : null));
  const base = await listenOnLoopback(server);
  return { ...base, servernames };
}

export type DnsBehaviour = 'nxdomain' | 'silent' | { answer: string };

export interface DnsServer extends Closable {
  /** Names asked, in order. */
  queries: string[];
  /** A probe lookup that asks only this server (A records), cancelled when the probe gives up. */
  lookup: Lookup;
  /** Lookups still waiting for an answer (a probe that gave up should have cancelled its own). */
  pendingLookups(): number;
}

/**
 * A DNS server on UDP loopback: says "no such name", never answers (dns-stall), or answers with one
 * IPv4 address. Tests resolve through it because the system resolver would query the machine's
 * configured nameserver, which is not on loopback.
 */
export async function startDnsServer(behaviour: DnsBehaviour): Promise<DnsServer> {
  const queries: string[] = [];
  const server = dgram.createSocket('udp4');
  server.on('message', (query, peer) => {
    const question = readQuestion(query);
    if (!question) return;
    queries.push(question.name);
    if (behaviour === 'silent') return;
    server.send(dnsAnswer(query, question.end, behaviour === 'nxdomain' ? null : behaviour.answer), peer.port, peer.address);
  });
  server.bind(0, HOST);
  await once(server, 'listening');
  const port = server.address().port;
  const resolvers = new Set<Resolver>();
  const lookup: Lookup = (host, signal) =>
    new Promise((resolve, reject) => {
      const resolver = new Resolver({ timeout: 5000, tries: 1 });
      resolver.setServers([`${HOST}:${port}`]);
      resolvers.add(resolver);
      signal.addEventListener('abort', () => resolver.cancel());
      resolver.resolve4(host, (error, addresses) => {
        resolvers.delete(resolver);
        if (error) reject(error);
        else resolve(addresses);
      });
    });
  return {
    port,
    queries,
    lookup,
    pendingLookups: () => resolvers.size,
    close: async () => {
      for (const r of resolvers) r.cancel();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readQuestion(message: Buffer): { name: string; end: number } | null {
  const labels: string[] = [];
  let at = 12;
  while (at < message.length && message[at] !== 0) {
    const length = message[at];
    labels.push(message.toString('latin1', at + 1, at + 1 + length));
    at += 1 + length;
  }
  const end = at + 5; // the zero byte, QTYPE, QCLASS
  return end <= message.length ? { name: labels.join('.'), end } : null;
}

function dnsAnswer(query: Buffer, questionEnd: number, address: string | null): Buffer {
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2); // the query id
  header.writeUInt16BE(address === null ? 0x8183 : 0x8180, 2); // response, RD, RA; NXDOMAIN or NOERROR
  header.writeUInt16BE(1, 4); // one question
  header.writeUInt16BE(address === null ? 0 : 1, 6);
  const question = query.subarray(12, questionEnd);
  if (address === null) return Buffer.concat([header, question]);
  const answer = Buffer.alloc(16);
  answer.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question
  answer.writeUInt16BE(1, 2); // A
  answer.writeUInt16BE(1, 4); // IN
  answer.writeUInt32BE(60, 6); // TTL
  answer.writeUInt16BE(4, 10);
  for (const [i, octet] of address.split('.').entries()) answer.writeUInt8(Number(octet), 12 + i);
  return Buffer.concat([header, question, answer]);
}
