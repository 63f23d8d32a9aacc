// The HTTP step: one small GET; any status line counts as an answer. The rest of the body is not read.
import type { Socket } from 'node:net';
import { MAX_HEAD_BYTES, parseStatusLine, probeRequest } from './http-status-line';
import { ProbeStepError, ProbeStepTimeout, withDeadline } from './step';

export function httpStep(socket: Socket, url: URL, ms: number, viaProxy = false): Promise<number> {
  const answered = new Promise<number>((resolve, reject) => {
    let head = '';
    socket.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1', 0, Math.min(chunk.length, MAX_HEAD_BYTES));
      const status = parseStatusLine(head);
      if (status === 'not-http') reject(new ProbeStepError('the answer is not HTTP'));
      else if (status !== 'incomplete') resolve(status);
      if (status !== 'incomplete') socket.destroy();
    });
    socket.once('error', () => reject(new ProbeStepError('connection reset before an HTTP answer')));
    socket.once('close', () => reject(new ProbeStepError('connection closed before an HTTP answer')));
    socket.write(probeRequest(url, viaProxy));
  });
  return withDeadline(answered, ms, () => socket.destroy(), new ProbeStepTimeout('no HTTP answer', ms, 'within'));
}
