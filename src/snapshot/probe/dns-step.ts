// The DNS step: resolve the target's host name as go would (system resolver, /etc/hosts first).
import { lookup as dnsLookup } from 'node:dns';
import { ProbeStepError, ProbeStepTimeout, errorCode, withDeadline } from './step';

/** Addresses for a host name; `signal` aborts when the step gives up (if the resolver can stop). */
export type Lookup = (host: string, signal: AbortSignal) => Promise<string[]>;

/** getaddrinfo through dns.lookup. It cannot be cancelled: a stuck lookup ends on the resolver's own timeout. */
export const systemLookup: Lookup = (host) =>
  new Promise((resolve, reject) =>
    dnsLookup(host, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses.map((a) => a.address)))),
  );

export async function dnsStep(host: string, ms: number, lookup: Lookup): Promise<string[]> {
  const abort = new AbortController();
  let addresses: string[];
  try {
    const timeout = new ProbeStepTimeout('DNS lookup timed out', ms);
    addresses = await withDeadline(lookup(host, abort.signal), ms, () => abort.abort(), timeout);
  } catch (error) {
    if (error instanceof ProbeStepError) throw error;
    throw new ProbeStepError(`DNS lookup failed: ${errorCode(error)}`);
  }
  if (addresses.length === 0) throw new ProbeStepError('DNS lookup returned no address');
  return addresses;
}
