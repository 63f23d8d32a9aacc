// The DNS step: resolve the target's host name as go would (system resolver, /etc/hosts first).
import { execFile } from 'node:child_process';
import { lookup as dnsLookup } from 'node:dns';
import { errorCode, ProbeStepError, ProbeStepTimeout, withDeadline } from './step';

/** Addresses for a host name; `signal` aborts when the step gives up (if the resolver can stop). */
export type Lookup = (host: string, signal: AbortSignal) => Promise<string[]>;

/** getaddrinfo through dns.lookup. It cannot be cancelled: a stuck lookup ends on the resolver's own timeout. */
const inProcessLookup = (host: string): Promise<string[]> =>
  new Promise((resolve, reject) => dnsLookup(host, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses.map((a) => a.address)))));

/**
 * getaddrinfo (/etc/hosts, then DNS, as go's cgo resolver and dns.lookup do) in a child process,
 * `getent ahosts HOST`, killed when the step gives up. In-process, a lookup stuck on a resolver
 * that never answers cannot be cancelled, and Node waits for it at exit: it held the shim's own
 * exit for the resolver's whole timeout (10 s with one silent nameserver; attempts × timeout ×
 * nameservers in general). Without a usable getent (macOS), dns.lookup in-process.
 */
export const systemLookup: Lookup = (host, signal) =>
  new Promise((resolve, reject) => {
    execFile('getent', ['ahosts', '--', host], { signal, killSignal: 'SIGKILL', encoding: 'utf8' }, (error, stdout) => {
      const code = (error as { code?: unknown } | null)?.code;
      // No getent (ENOENT), or one without the ahosts database (exit 1): the in-process lookup.
      if (code === 'ENOENT' || code === 1) return void inProcessLookup(host).then(resolve, reject);
      // getent exits 2 when the name does not resolve.
      if (error) return reject(code === 2 ? Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' }) : error);
      // "ADDRESS STREAM|DGRAM|RAW [NAME]": each address once per socket type.
      resolve([
        ...new Set(
          stdout
            .split('\n')
            .map((line) => line.split(/\s+/)[0])
            .filter(Boolean),
        ),
      ]);
    });
  });

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
