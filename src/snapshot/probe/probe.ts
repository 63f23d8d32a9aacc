// The live network probe: each target in parallel, step by step (DNS, TCP, TLS, HTTP), each step
// bounded, so a snapshot says where the path to a server stops — without ever waiting like go does.
import { isIP, type Socket } from 'node:net';
import { redactText } from '../../redact';
import { connectStep } from './connect-step';
import { dnsStep, type Lookup, systemLookup } from './dns-step';
import { type HostPort, splitHostPort, urlHostPort } from './host-port';
import { httpStep } from './http-step';
import { proxyConnectStep } from './proxy-step';
import { elapsedMs, errorCode, ProbeStepError } from './step';
import type { ProbeRole, ProbeTarget } from './targets';
import { tlsStep } from './tls-step';

export interface ProbeResult {
  target: string;
  role: ProbeRole;
  url: string | null;
  /** The IP address the TCP step connected to, else the first it tried; null when DNS failed. */
  address: string | null;
  /** The HTTP proxy go would use for this URL (see ProbeTarget.via); the probe went through it too. */
  via: string | null;
  dns_ms: number | null; // null when the host is an IP literal (no lookup) or the lookup failed
  connect_ms: number | null;
  tls_ms: number | null;
  http_status: number | null;
  ok: boolean;
  error: string | null; // a short plain phrase; may be set with ok=true (certificate not verified)
}

export interface ProbeOptions {
  /** How host names are resolved; defaults to the system resolver (dns.lookup, as go's cgo/files+dns path). */
  lookup?: Lookup;
  /** A bound for the whole probe: each step gets the smaller of stepTimeoutMs and what is left. */
  totalMs?: number;
}

/** Probes every target at once; resolves within about 4 × stepTimeoutMs (or totalMs) whatever the servers do. */
export function probeAll(targets: ProbeTarget[], stepTimeoutMs: number, options: ProbeOptions = {}): Promise<ProbeResult[]> {
  const deadline = performance.now() + (options.totalMs ?? 4 * stepTimeoutMs);
  const stepMs = () => Math.max(1, Math.round(Math.min(stepTimeoutMs, deadline - performance.now())));
  return Promise.all(targets.map((t) => probeTarget(t, stepMs, options.lookup ?? systemLookup)));
}

interface Plan {
  at: HostPort; // where the probe connects: the server, or the HTTP proxy in between
  tls: boolean;
  url: URL | null;
  /** through the environment's HTTP proxy, as go goes: the server's own host:port */
  proxied: HostPort | null;
}

function planFor(target: ProbeTarget): Plan | null {
  let url: URL | null = null;
  if (target.url !== null) {
    try {
      url = new URL(target.url);
    } catch {
      return null;
    }
  }
  const at = url ? urlHostPort(url) : splitHostPort(target.target);
  if (!at) return null;
  const tls = target.tls || url?.protocol === 'https:' || (url === null && at.port === 443);
  const via = url && target.via ? splitHostPort(target.via) : null;
  return via ? { at: via, tls, url, proxied: at } : { at, tls, url, proxied: null };
}

async function probeTarget(target: ProbeTarget, stepMs: () => number, lookup: Lookup): Promise<ProbeResult> {
  const result: ProbeResult = {
    target: target.target,
    role: target.role,
    url: target.url === null ? null : redactText(target.url),
    address: null,
    via: target.via ?? null,
    dns_ms: null,
    connect_ms: null,
    tls_ms: null,
    http_status: null,
    ok: false,
    error: null,
  };
  const plan = planFor(target);
  if (!plan) return { ...result, error: 'not a host:port or http(s) URL' };
  const notes: string[] = [];
  const opened: Socket[] = [];
  try {
    let addresses = [plan.at.host];
    if (isIP(plan.at.host) === 0) {
      const started = performance.now();
      addresses = await dnsStep(plan.at.host, stepMs(), lookup);
      result.dns_ms = elapsedMs(started);
    }
    result.address = addresses[0];
    let started = performance.now();
    let socket = await connectStep(addresses, plan.at.port, stepMs(), opened);
    result.connect_ms = elapsedMs(started);
    result.address = socket.remoteAddress ?? result.address;
    if (plan.proxied && plan.tls)
      await proxyConnectStep(socket, `${plan.proxied.host.includes(':') ? `[${plan.proxied.host}]` : plan.proxied.host}:${plan.proxied.port}`, stepMs());
    if (plan.tls) {
      started = performance.now();
      const handshake = await tlsStep(socket, (plan.proxied ?? plan.at).host, stepMs(), opened);
      result.tls_ms = elapsedMs(started);
      socket = handshake.socket;
      if (handshake.certificateNote) notes.push(handshake.certificateNote);
    }
    if (plan.url) {
      result.http_status = await httpStep(socket, plan.url, stepMs(), plan.proxied !== null && !plan.tls);
      if (result.http_status >= 500) notes.unshift(`the server answered HTTP ${result.http_status}`);
    }
    result.ok = result.http_status === null || result.http_status < 500;
  } catch (error) {
    notes.unshift(error instanceof ProbeStepError ? error.message : `probe failed: ${errorCode(error)}`);
  } finally {
    // Newest first: destroying a TCP socket under a live TLS socket upsets Node 20 (seen here: SIGSEGV
    // at exit, or a late OpenSSL error).
    for (const socket of opened.reverse()) socket.destroy();
  }
  result.error = notes.length > 0 ? notes.join('; ') : null;
  return result;
}
