// A probe result in words, the same in the diagnosis, `show`, the markdown report and doctor.
import type { ProbeResult } from './probe';

/** A step's time for people: "4.1ms" under 10 ms, "41ms" above, "-" for a step not taken. */
export function probeMs(v: number | null, unitSeparator = ''): string {
  return v === null ? '-' : `${v < 10 ? v.toFixed(1) : Math.round(v)}${unitSeparator}ms`;
}

/** "DNS 3.2ms, connect 4.1ms, HTTP 404": the steps the probe completed, or "" for none. */
export function probeSteps(p: ProbeResult): string {
  return [
    p.dns_ms !== null ? `DNS ${probeMs(p.dns_ms)}` : null,
    p.connect_ms !== null ? `connect ${probeMs(p.connect_ms)}` : null,
    p.tls_ms !== null ? `TLS ${probeMs(p.tls_ms)}` : null,
    p.http_status !== null ? `HTTP ${p.http_status}` : null,
  ]
    .filter(Boolean)
    .join(', ');
}
