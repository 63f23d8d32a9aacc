// The Go-relevant part of the environment, secrets redacted (docs/contract.md, "Snapshot": env).
import { redactEnvValue } from '../redact';

const RELEVANT = /^(GO|GIT_|SSH_|CGO_|GCM_|GOMODSHIM_)|_PROXY$/i;
const ALSO = new Set(['PATH', 'HOME', 'NETRC', 'CC', 'CXX', 'TMPDIR']);

export function captureEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(env).sort()) {
    const value = env[name];
    if (value === undefined || !(RELEVANT.test(name) || ALSO.has(name))) continue;
    out[name] = redactEnvValue(name, value, env);
  }
  return out;
}
