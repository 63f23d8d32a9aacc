// Export errors may quote what was sent or answered; our warning line must not carry the
// endpoint's credentials (OTEL_EXPORTER_OTLP_*HEADERS values, URL user-info).
import { REDACTED, redactText } from '../redact';

const HEADER_VARIABLES = ['OTEL_EXPORTER_OTLP_HEADERS', 'OTEL_EXPORTER_OTLP_LOGS_HEADERS', 'OTEL_EXPORTER_OTLP_TRACES_HEADERS'];
const MIN_SECRET_LENGTH = 3; // shorter values would blank ordinary words

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The header values (raw and percent-decoded), as the exporters parse `key=value,key2=value2`. */
export function headerSecrets(env: NodeJS.ProcessEnv): string[] {
  const secrets = new Set<string>();
  for (const name of HEADER_VARIABLES) {
    for (const pair of (env[name] ?? '').split(',')) {
      const eq = pair.indexOf('=');
      if (eq < 0) continue;
      const raw = pair.slice(eq + 1).trim();
      for (const value of [raw, safeDecode(raw)]) if (value.length >= MIN_SECRET_LENGTH) secrets.add(value);
    }
  }
  return [...secrets].sort((a, b) => b.length - a.length); // longest first: no partial leftovers
}

export function scrubSecrets(text: string, env: NodeJS.ProcessEnv): string {
  let out = redactText(text);
  for (const secret of headerSecrets(env)) out = out.split(secret).join(REDACTED);
  return out;
}
