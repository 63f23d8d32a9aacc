// The TLS step: a handshake on the connected socket. A certificate go might reject still proves the
// server answers, so verification failures are reported, not fatal.
import { isIP, type Socket } from 'node:net';
import * as tls from 'node:tls';
import { errorCode, ignoreErrors, ProbeStepError, ProbeStepTimeout, withDeadline } from './step';

export interface TlsOutcome {
  socket: tls.TLSSocket;
  /** "TLS certificate not verified: DEPTH_ZERO_SELF_SIGNED_CERT", or null when Node's CAs accept it. */
  certificateNote: string | null;
}

export async function tlsStep(socket: Socket, host: string, ms: number, opened: Socket[]): Promise<TlsOutcome> {
  const secure = tls.connect({
    socket,
    host, // the name the certificate is checked against
    servername: isIP(host) === 0 ? host : undefined, // SNI carries names only (RFC 6066)
    rejectUnauthorized: false,
    ALPNProtocols: ['http/1.1'],
  });
  opened.push(secure);
  ignoreErrors(secure);
  const handshake = new Promise<TlsOutcome>((resolve, reject) => {
    secure.once('secureConnect', () =>
      resolve({
        socket: secure,
        certificateNote: secure.authorized ? null : `TLS certificate not verified: ${String(secure.authorizationError)}`,
      }),
    );
    secure.once('error', (error) => reject(new ProbeStepError(`TLS handshake failed: ${errorCode(error)}`)));
    secure.once('close', () => reject(new ProbeStepError('connection closed during TLS handshake')));
  });
  return withDeadline(handshake, ms, () => secure.destroy(), new ProbeStepTimeout('TLS handshake timed out', ms));
}
