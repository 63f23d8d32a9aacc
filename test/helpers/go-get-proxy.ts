// An HTTP proxy on loopback (HTTP_PROXY/HTTPS_PROXY) that stands in for the whole internet in
// `GOPROXY=direct` scenarios, so that go never resolves a host name:
//   - it refuses CONNECT, so go's https:// attempt fails and, for a GOINSECURE host, go falls
//     back to http:// — which comes to this proxy as an absolute-URI GET it can answer;
//   - it answers `http://HOST/PATH?go-get=1` with the go-import meta tag for the repository
//     the test names (a git server on 127.0.0.1, which NO_PROXY=127.0.0.1 lets git reach directly).
// Anything else gets 404: a request that reached here unexpectedly shows in `requests`.
import * as http from 'node:http';
import type { Socket } from 'node:net';
import { listenOnLoopback } from './misbehaving-servers';

export interface GoGetProxy {
  url: string; // http://127.0.0.1:PORT, for HTTP_PROXY and HTTPS_PROXY
  port: number;
  /** "CONNECT host:port" or "GET absolute-url", in arrival order. */
  requests: string[];
  close(): Promise<void>;
}

/** repos: import path ("example.test/repo") → git URL ("http://127.0.0.1:PORT/repo.git"). */
export async function startGoGetProxy(repos: Record<string, string>): Promise<GoGetProxy> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    const importPath = `${url.host}${url.pathname}`;
    const repo = repos[importPath];
    if (url.searchParams.get('go-get') !== '1' || repo === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    const meta = `<meta name="go-import" content="${importPath} git ${repo}">`;
    res.writeHead(200, { 'content-type': 'text/html' }).end(`<!DOCTYPE html>\n<html><head>${meta}</head><body></body></html>\n`);
  });
  server.on('connect', (req: http.IncomingMessage, socket: Socket) => {
    requests.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
  });
  const { port, close } = await listenOnLoopback(server);
  return { url: `http://127.0.0.1:${port}`, port, requests, close };
}
