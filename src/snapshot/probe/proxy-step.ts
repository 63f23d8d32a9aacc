// Through the environment's HTTP proxy, as go's http.ProxyFromEnvironment sends a request: an
// https:// URL is tunnelled (CONNECT host:port, then TLS to the host); an http:// URL is sent
// to the proxy in absolute form (GET http://host/path). A proxy that never answers stops here.
import type { Socket } from 'node:net';
import { MAX_HEAD_BYTES, parseStatusLine } from './http-status-line';
import { ProbeStepError, ProbeStepTimeout, withDeadline } from './step';

/** CONNECT through the proxy; resolves once it answers 2xx (the tunnel is open). */
export function proxyConnectStep(socket: Socket, hostPort: string, ms: number): Promise<void> {
  const answered = new Promise<void>((resolve, reject) => {
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1', 0, Math.min(chunk.length, MAX_HEAD_BYTES));
      const status = parseStatusLine(head);
      if (status === 'incomplete') return;
      if (status === 'not-http') return reject(new ProbeStepError('the HTTP proxy answered CONNECT with something not HTTP'));
      if (status < 200 || status > 299) return reject(new ProbeStepError(`the HTTP proxy refused CONNECT ${hostPort}: HTTP ${status}`));
      if (!head.includes('\r\n\r\n')) return; // the rest of the proxy's head is still to come
      socket.off('data', onData);
      resolve();
    };
    socket.on('data', onData);
    socket.once('error', () => reject(new ProbeStepError('the HTTP proxy reset the connection before answering CONNECT')));
    socket.once('close', () => reject(new ProbeStepError('the HTTP proxy closed the connection before answering CONNECT')));
    socket.write(`CONNECT ${hostPort} HTTP/1.1\r\nHost: ${hostPort}\r\nUser-Agent: gomod-shim-probe\r\n\r\n`);
  });
  return withDeadline(answered, ms, () => socket.destroy(), new ProbeStepTimeout('the HTTP proxy did not answer CONNECT', ms, 'within'));
}
