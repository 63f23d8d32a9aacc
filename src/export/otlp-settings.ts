// Whether, where and how a hang is sent as OpenTelemetry data (OTLP over HTTP). Read at a hang
// only: the watched path never looks at these variables. The exporters read the rest of the
// standard OTEL_EXPORTER_OTLP_* variables themselves (headers, certificates, compression).
import { redactText } from '../redact';

export type OtlpProtocol = 'http/protobuf' | 'http/json';
export type OtlpSignal = 'logs' | 'traces';

/** The most one export may take, load included: a hang report must never wait long for it. */
export const EXPORT_BUDGET_MS = 2500;
/** The HTTP requests' own limit (OTEL_EXPORTER_OTLP_TIMEOUT may lower it, never raise it). */
export const REQUEST_TIMEOUT_MS = 2000;

export interface SignalSettings {
  /** Set when GOMODSHIM_OTLP_ENDPOINT decides; otherwise the exporter reads OTEL_EXPORTER_OTLP_(SIGNAL_)ENDPOINT. */
  url: string | undefined;
  protocol: OtlpProtocol;
  timeoutMs: number;
}

export interface OtlpSettings {
  /** The endpoint for messages, its credentials redacted. */
  shownEndpoint: string;
  logs: SignalSettings;
  traces: SignalSettings;
}

export type ReadSettings = { settings: OtlpSettings; problem?: undefined } | { settings: null; problem: string | null };

const OFF = new Set(['off', 'none', 'false', '0']);
const SIGNAL_PATHS: Record<OtlpSignal, string> = { logs: 'v1/logs', traces: 'v1/traces' };

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function isHttpUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

/** The base endpoint plus the signal's path, as the OTLP exporter specification builds it. */
function signalUrl(base: string, signal: OtlpSignal): string {
  return `${base.endsWith('/') ? base : `${base}/`}${SIGNAL_PATHS[signal]}`;
}

function protocolFor(env: NodeJS.ProcessEnv, signal: OtlpSignal): { protocol: OtlpProtocol } | { unsupported: string } {
  const name = [`OTEL_EXPORTER_OTLP_${signal.toUpperCase()}_PROTOCOL`, 'OTEL_EXPORTER_OTLP_PROTOCOL'].find((n) => nonEmpty(env[n]));
  // http/protobuf is the specification's default.
  const value = name ? nonEmpty(env[name])! : 'http/protobuf';
  if (value === 'http/protobuf' || value === 'http/json') return { protocol: value };
  return { unsupported: `${name}=${value}` };
}

function timeoutFor(env: NodeJS.ProcessEnv, signal: OtlpSignal): number {
  for (const name of [`OTEL_EXPORTER_OTLP_${signal.toUpperCase()}_TIMEOUT`, 'OTEL_EXPORTER_OTLP_TIMEOUT']) {
    const ms = Number(nonEmpty(env[name]));
    if (Number.isFinite(ms) && ms > 0) return Math.min(ms, REQUEST_TIMEOUT_MS);
  }
  return REQUEST_TIMEOUT_MS;
}

/**
 * GOMODSHIM_OTLP_ENDPOINT, when set, wins (`off` turns the export off even where
 * OTEL_EXPORTER_OTLP_ENDPOINT is set for other programs); else OTEL_EXPORTER_OTLP_ENDPOINT.
 * OTEL_SDK_DISABLED=true turns it off too. problem: why a configured export cannot be done.
 */
export function readOtlpSettings(env: NodeJS.ProcessEnv): ReadSettings {
  if (nonEmpty(env.OTEL_SDK_DISABLED)?.toLowerCase() === 'true') return { settings: null, problem: null };
  const own = nonEmpty(env.GOMODSHIM_OTLP_ENDPOINT);
  if (own && OFF.has(own.toLowerCase())) return { settings: null, problem: null };
  const name = own ? 'GOMODSHIM_OTLP_ENDPOINT' : 'OTEL_EXPORTER_OTLP_ENDPOINT';
  const base = own ?? nonEmpty(env.OTEL_EXPORTER_OTLP_ENDPOINT);
  if (!base) return { settings: null, problem: null };
  const shownEndpoint = redactText(base);
  if (!isHttpUrl(base)) return { settings: null, problem: `${name}=${shownEndpoint} is not an http(s) URL; the hang was not exported` };

  const signal = (s: OtlpSignal): SignalSettings | string => {
    const protocol = protocolFor(env, s);
    if ('unsupported' in protocol) return `${protocol.unsupported} is not supported (http/protobuf or http/json); the hang was not exported`;
    return { url: own ? signalUrl(own, s) : undefined, protocol: protocol.protocol, timeoutMs: timeoutFor(env, s) };
  };
  const logs = signal('logs');
  const traces = signal('traces');
  if (typeof logs === 'string') return { settings: null, problem: logs };
  if (typeof traces === 'string') return { settings: null, problem: traces };
  return { settings: { shownEndpoint, logs, traces } };
}
