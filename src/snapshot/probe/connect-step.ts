// The TCP step: connect to the resolved addresses in turn (like go falling back to the next
// address when one refuses), all within one step deadline.
import * as net from 'node:net';
import { errorCode, ignoreErrors, ProbeStepError, ProbeStepTimeout, withDeadline } from './step';

const PHRASES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EADDRNOTAVAIL: 'address not available',
};

/** A connected socket; every socket it creates is pushed on `opened` for the caller to destroy. */
export async function connectStep(addresses: string[], port: number, ms: number, opened: net.Socket[]): Promise<net.Socket> {
  const deadline = performance.now() + ms;
  const timeout = new ProbeStepTimeout('connect timed out', ms);
  let failure: ProbeStepError = new ProbeStepError('no address to connect to');
  for (const address of addresses) {
    const left = deadline - performance.now();
    if (left <= 0) throw timeout;
    const socket = net.connect({ host: address, port });
    opened.push(socket);
    ignoreErrors(socket);
    const connected = new Promise<net.Socket>((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('error', (error) => reject(new ProbeStepError(PHRASES[errorCode(error)] ?? `connect failed: ${errorCode(error)}`)));
    });
    try {
      return await withDeadline(connected, left, () => socket.destroy(), timeout);
    } catch (error) {
      socket.destroy();
      if (error === timeout || !(error instanceof ProbeStepError)) throw error;
      failure = error;
    }
  }
  throw failure;
}
