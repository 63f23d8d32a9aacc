// A GOPROXY on loopback (https://go.dev/ref/mod#goproxy-protocol) serving modules the
// test defines, with hooks to misbehave: never answer, or trickle a zip slowly.
import * as http from 'node:http';
import { listenOnLoopback } from './misbehaving-servers';
import { zipModule } from './module-zip';

export interface ModuleSpec {
  path: string; // lower case only: no "!" case-encoding needed
  version: string;
  files: Record<string, string>; // must include go.mod
}

export interface ProxyBehaviour {
  /** Accept connections, read requests, never answer. */
  silent?: boolean;
  /** Send each .zip in pieces spread over this many ms. */
  trickleZipOverMs?: number;
  /** Hold every request until this settles, then answer normally (a proxy that stalls, then recovers). */
  holdUntil?: Promise<unknown>;
}

export interface ModuleProxy {
  url: string;
  port: number;
  /** Every request path, in arrival order. */
  requests: string[];
  close(): Promise<void>;
}

/** A small module with one package, enough for go mod download and go build. */
export function simpleModule(path: string, version: string, extraFiles: Record<string, string> = {}): ModuleSpec {
  const name = path
    .split('/')
    .pop()!
    .replace(/[^a-z0-9]/g, '');
  return {
    path,
    version,
    files: {
      'go.mod': `module ${path}\n\ngo 1.19\n`,
      [`${name}.go`]: `package ${name}\n\n// Hello says hello.\nfunc Hello() string { return "hello from ${path} ${version}" }\n`,
      ...extraFiles,
    },
  };
}

function routes(modules: ModuleSpec[]): Map<string, { type: string; body: Buffer }> {
  const table = new Map<string, { type: string; body: Buffer }>();
  const versions = new Map<string, string[]>();
  for (const m of modules) {
    const base = `/${m.path}/@v/${m.version}`;
    table.set(`${base}.info`, { type: 'application/json', body: Buffer.from(JSON.stringify({ Version: m.version, Time: '2024-01-01T00:00:00Z' })) });
    table.set(`${base}.mod`, { type: 'text/plain', body: Buffer.from(m.files['go.mod']) });
    table.set(`${base}.zip`, { type: 'application/zip', body: zipModule(m.path, m.version, m.files) });
    versions.set(m.path, [...(versions.get(m.path) ?? []), m.version]);
  }
  for (const [path, list] of versions) {
    table.set(`/${path}/@v/list`, { type: 'text/plain', body: Buffer.from(`${list.join('\n')}\n`) });
    const latest = list[list.length - 1];
    table.set(`/${path}/@latest`, table.get(`/${path}/@v/${latest}.info`)!);
  }
  return table;
}

function trickle(res: http.ServerResponse, body: Buffer, overMs: number): void {
  const pieces = 20;
  const size = Math.ceil(body.length / pieces);
  let i = 0;
  const timer = setInterval(() => {
    if (res.destroyed) return clearInterval(timer);
    res.write(body.subarray(i * size, (i + 1) * size));
    if (++i >= pieces) clearInterval(timer), res.end();
  }, overMs / pieces);
}

export async function startModuleProxy(modules: ModuleSpec[], behaviour: ProxyBehaviour = {}): Promise<ModuleProxy> {
  const table = routes(modules);
  const requests: string[] = [];
  const answer = (path: string, res: http.ServerResponse) => {
    if (res.destroyed) return;
    const hit = table.get(path);
    if (!hit) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    res.writeHead(200, { 'content-type': hit.type, 'content-length': hit.body.length });
    if (behaviour.trickleZipOverMs && path.endsWith('.zip')) trickle(res, hit.body, behaviour.trickleZipOverMs);
    else res.end(hit.body);
  };
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    requests.push(path);
    if (behaviour.silent) return; // the request is read; no answer ever comes
    if (behaviour.holdUntil) void behaviour.holdUntil.then(() => answer(path, res));
    else answer(path, res);
  });
  const { port, close } = await listenOnLoopback(server);
  return { url: `http://127.0.0.1:${port}`, port, requests, close };
}
