// An OTLP/HTTP receiver on loopback (https://opentelemetry.io/docs/specs/otlp/#otlphttp):
// POST /v1/logs and /v1/traces, in JSON or protobuf, gzip or not. Every request is decoded into
// the OTLP/JSON shape (protobuf through the protocol's own field numbers) and checked to be
// valid OTLP; {silent:true} reads requests and never answers.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import * as protobuf from 'protobufjs';
import { REPO } from './shim';

export type OtlpSignal = 'logs' | 'traces';
// biome-ignore lint/suspicious/noExplicitAny: decoded JSON, checked by the assertions below
type Json = Record<string, any>;

export interface OtlpRequest {
  signal: OtlpSignal;
  format: 'json' | 'protobuf';
  headers: http.IncomingHttpHeaders;
  /** The request decoded into the OTLP/JSON shape (ids in hex, 64-bit numbers as strings). */
  body: Json;
}

export interface OtlpReceiver {
  url: string;
  port: number;
  /** Valid requests, in arrival order. */
  requests: OtlpRequest[];
  /** Requests that were not valid OTLP, with the reason. */
  rejected: string[];
  /** Connections accepted so far. */
  connections: number;
  /** Resolves true once a request for each signal has arrived, false after ms. */
  waitFor(signals: OtlpSignal[], ms: number): Promise<boolean>;
  close(): Promise<void>;
}

const ROUTES: Record<string, OtlpSignal> = { '/v1/logs': 'logs', '/v1/traces': 'traces' };
const REQUEST_TYPES: Record<OtlpSignal, string> = { logs: 'otlp.ExportLogsServiceRequest', traces: 'otlp.ExportTraceServiceRequest' };
const ID_FIELDS = new Set(['traceId', 'spanId', 'parentSpanId']);

let protoRoot: protobuf.Root | null = null;
function proto(): protobuf.Root {
  protoRoot ??= protobuf.loadSync(path.join(REPO, 'test/fixtures/otlp/otlp-v1.proto'));
  return protoRoot;
}

/** protobufjs's object (bytes in base64) into OTLP/JSON: trace and span ids in hex. */
function idsToHex(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(idsToHex);
  if (value === null || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) out[k] = ID_FIELDS.has(k) && typeof v === 'string' ? Buffer.from(v, 'base64').toString('hex') : idsToHex(v);
  return out;
}

export function decodeOtlp(signal: OtlpSignal, format: 'json' | 'protobuf', bytes: Buffer): Json {
  if (format === 'json') return JSON.parse(bytes.toString('utf8')) as Json;
  const type = proto().lookupType(REQUEST_TYPES[signal]);
  return idsToHex(type.toObject(type.decode(bytes), { longs: String, bytes: String, enums: Number })) as Json;
}

// ---- validity: the documented OTLP/JSON structure ----

const HEX = (length: number) => new RegExp(`^[0-9a-f]{${length}}$`);

function assertUnixNanos(value: unknown, what: string): bigint {
  assert.ok(typeof value === 'string' || typeof value === 'number', `${what}: ${JSON.stringify(value)} is not a 64-bit number`);
  assert.match(String(value), /^\d+$/, `${what}: not an unsigned integer`);
  const nanos = BigInt(value);
  // After 2001 and before 2100, in nanoseconds (not milliseconds, not seconds).
  assert.ok(nanos > 10n ** 18n && nanos < 4n * 10n ** 18n, `${what}: ${value} is not unix nanoseconds`);
  return nanos;
}

function assertId(value: unknown, hexLength: number, what: string): void {
  assert.equal(typeof value, 'string', `${what} is not a hex string`);
  assert.match(value as string, HEX(hexLength), `${what}: ${value} is not ${hexLength / 2} bytes in hex`);
  assert.doesNotMatch(value as string, /^0+$/, `${what} is all zeroes (invalid)`);
}

const ANY_VALUE_FIELDS = ['stringValue', 'boolValue', 'intValue', 'doubleValue', 'arrayValue', 'kvlistValue', 'bytesValue'];

export function assertAnyValue(value: unknown, what: string): void {
  assert.ok(value && typeof value === 'object', `${what} is not an AnyValue`);
  const set = ANY_VALUE_FIELDS.filter((f) => (value as Json)[f] !== undefined);
  assert.equal(set.length, 1, `${what}: an AnyValue holds exactly one value, got ${JSON.stringify(value)}`);
  const v = value as Json;
  if (v.arrayValue) for (const [i, item] of (v.arrayValue.values ?? []).entries()) assertAnyValue(item, `${what}[${i}]`);
  if (v.kvlistValue) assertKeyValues(v.kvlistValue.values ?? [], what);
  if (v.intValue !== undefined) assert.match(String(v.intValue), /^-?\d+$/, `${what}: intValue`);
}

export function assertKeyValues(list: unknown, what: string): void {
  assert.ok(Array.isArray(list), `${what}: attributes are not a KeyValue list`);
  const keys = new Set<string>();
  for (const kv of list as Json[]) {
    assert.ok(typeof kv.key === 'string' && kv.key !== '', `${what}: a KeyValue without a key`);
    assert.ok(!keys.has(kv.key), `${what}: key ${kv.key} twice`);
    keys.add(kv.key);
    assertAnyValue(kv.value, `${what}.${kv.key}`);
  }
}

function assertScopeAndResource(resource: Json | undefined, scope: Json | undefined, what: string): void {
  assert.ok(resource, `${what}: no resource`);
  assertKeyValues(resource!.attributes, `${what}.resource`);
  assert.ok(scope && typeof scope.name === 'string' && scope.name !== '', `${what}: the instrumentation scope has no name`);
}

export function assertValidLogsRequest(body: Json): void {
  assert.ok(Array.isArray(body.resourceLogs) && body.resourceLogs.length > 0, 'no resourceLogs');
  for (const [r, rl] of body.resourceLogs.entries()) {
    assert.ok(Array.isArray(rl.scopeLogs) && rl.scopeLogs.length > 0, `resourceLogs[${r}]: no scopeLogs`);
    for (const [s, sl] of rl.scopeLogs.entries()) {
      const where = `resourceLogs[${r}].scopeLogs[${s}]`;
      assertScopeAndResource(rl.resource, sl.scope, where);
      assert.ok(Array.isArray(sl.logRecords) && sl.logRecords.length > 0, `${where}: no logRecords`);
      for (const [i, rec] of sl.logRecords.entries()) {
        const at = `${where}.logRecords[${i}]`;
        assertUnixNanos(rec.timeUnixNano, `${at}.timeUnixNano`);
        assert.ok(Number.isInteger(rec.severityNumber) && rec.severityNumber >= 1 && rec.severityNumber <= 24, `${at}.severityNumber ${rec.severityNumber}`);
        assertAnyValue(rec.body, `${at}.body`);
        assertKeyValues(rec.attributes, `${at}.attributes`);
        if (rec.traceId !== undefined && rec.traceId !== '') assertId(rec.traceId, 32, `${at}.traceId`);
        if (rec.spanId !== undefined && rec.spanId !== '') assertId(rec.spanId, 16, `${at}.spanId`);
      }
    }
  }
}

export function assertValidTracesRequest(body: Json): void {
  assert.ok(Array.isArray(body.resourceSpans) && body.resourceSpans.length > 0, 'no resourceSpans');
  for (const [r, rs] of body.resourceSpans.entries()) {
    assert.ok(Array.isArray(rs.scopeSpans) && rs.scopeSpans.length > 0, `resourceSpans[${r}]: no scopeSpans`);
    for (const [s, ss] of rs.scopeSpans.entries()) {
      const where = `resourceSpans[${r}].scopeSpans[${s}]`;
      assertScopeAndResource(rs.resource, ss.scope, where);
      assert.ok(Array.isArray(ss.spans) && ss.spans.length > 0, `${where}: no spans`);
      for (const [i, span] of ss.spans.entries()) {
        const at = `${where}.spans[${i}]`;
        assertId(span.traceId, 32, `${at}.traceId`);
        assertId(span.spanId, 16, `${at}.spanId`);
        assert.ok(typeof span.name === 'string' && span.name !== '', `${at}: no name`);
        assert.ok(Number.isInteger(span.kind) && span.kind >= 0 && span.kind <= 5, `${at}.kind ${span.kind}`);
        const start = assertUnixNanos(span.startTimeUnixNano, `${at}.startTimeUnixNano`);
        const end = assertUnixNanos(span.endTimeUnixNano, `${at}.endTimeUnixNano`);
        assert.ok(start <= end, `${at}: ends before it starts`);
        assertKeyValues(span.attributes, `${at}.attributes`);
        for (const [e, event] of (span.events ?? []).entries()) {
          assertUnixNanos(event.timeUnixNano, `${at}.events[${e}].timeUnixNano`);
          assert.ok(typeof event.name === 'string' && event.name !== '', `${at}.events[${e}]: no name`);
        }
        if (span.status) assert.ok([undefined, 0, 1, 2].includes(span.status.code), `${at}.status.code ${span.status.code}`);
      }
    }
  }
}

/** A KeyValue list as a plain object (intValue as a number, arrays unwrapped). */
export function attributeMap(list: Json[] | undefined): Record<string, unknown> {
  const unwrap = (v: Json): unknown =>
    v.stringValue ??
    v.boolValue ??
    (v.intValue !== undefined ? Number(v.intValue) : undefined) ??
    v.doubleValue ??
    (v.arrayValue ? (v.arrayValue.values ?? []).map(unwrap) : undefined);
  return Object.fromEntries((list ?? []).map((kv) => [kv.key, unwrap(kv.value)]));
}

/** The one log record and the one span the receiver got (fails on any other count). */
export function theHang(receiver: OtlpReceiver): {
  log: Json;
  logResource: Json;
  span: Json;
  spanResource: Json;
  logRequest: OtlpRequest;
  traceRequest: OtlpRequest;
} {
  const logs = receiver.requests.filter((r) => r.signal === 'logs');
  const traces = receiver.requests.filter((r) => r.signal === 'traces');
  assert.equal(logs.length, 1, 'one logs request');
  assert.equal(traces.length, 1, 'one traces request');
  const records = logs[0].body.resourceLogs.flatMap((rl: Json) => rl.scopeLogs.flatMap((sl: Json) => sl.logRecords));
  const spans = traces[0].body.resourceSpans.flatMap((rs: Json) => rs.scopeSpans.flatMap((ss: Json) => ss.spans));
  assert.equal(records.length, 1, 'one log record');
  assert.equal(spans.length, 1, 'one span');
  return {
    log: records[0],
    logResource: logs[0].body.resourceLogs[0].resource,
    span: spans[0],
    spanResource: traces[0].body.resourceSpans[0].resource,
    logRequest: logs[0],
    traceRequest: traces[0],
  };
}

// ---- the server ----

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function formatOf(contentType: string | undefined): 'json' | 'protobuf' | null {
  const type = (contentType ?? '').split(';')[0].trim();
  return type === 'application/json' ? 'json' : type === 'application/x-protobuf' ? 'protobuf' : null;
}

export async function startOtlpReceiver(behaviour: { silent?: boolean } = {}): Promise<OtlpReceiver> {
  const requests: OtlpRequest[] = [];
  const rejected: string[] = [];
  const sockets = new Set<Socket>();
  const waiters = new Set<() => void>();
  const server = http.createServer(async (req, res) => {
    const body = await readBody(req);
    if (behaviour.silent) return; // read, never answered
    const signal = ROUTES[(req.url ?? '').split('?')[0]];
    const format = formatOf(req.headers['content-type']);
    const answer = (status: number, reason?: string) => {
      if (reason) rejected.push(`${req.method} ${req.url}: ${reason}`);
      res.writeHead(status, { 'content-type': format === 'protobuf' ? 'application/x-protobuf' : 'application/json' });
      res.end(format === 'protobuf' ? Buffer.alloc(0) : '{}'); // an empty Export*ServiceResponse: all accepted
    };
    if (req.method !== 'POST' || !signal) return answer(404, 'not an OTLP/HTTP path');
    if (!format) return answer(415, `content-type ${req.headers['content-type']}`);
    try {
      const bytes = req.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(body) : body;
      const decoded = decodeOtlp(signal, format, bytes);
      (signal === 'logs' ? assertValidLogsRequest : assertValidTracesRequest)(decoded);
      requests.push({ signal, format, headers: req.headers, body: decoded });
    } catch (err) {
      return answer(400, (err as Error).message);
    }
    answer(200);
    for (const wake of waiters) wake();
  });
  let connections = 0;
  server.on('connection', (s) => {
    connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    rejected,
    get connections() {
      return connections;
    },
    waitFor(signals, ms) {
      const done = () => signals.every((s) => requests.some((r) => r.signal === s));
      if (done()) return Promise.resolve(true);
      return new Promise((resolve) => {
        const wake = () => done() && finish(true);
        const timer = setTimeout(() => finish(false), ms);
        const finish = (ok: boolean) => (clearTimeout(timer), waiters.delete(wake), resolve(ok));
        waiters.add(wake);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
