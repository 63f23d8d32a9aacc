// Environment values: whole values of secret-looking names, git's paired config values, and the
// text rules (src/redact/text.ts) for everything else (GOPROXY's URLs, GOFLAGS' -X flags…).
import { isSecretGitKey, isSecretName } from './names';
import { REDACTED, redactText } from './text';

const GIT_CONFIG_VALUE = /^GIT_CONFIG_VALUE_(\d+)$/i;

/**
 * One variable's value. `env`, when given, pairs GIT_CONFIG_VALUE_n with GIT_CONFIG_KEY_n; a value
 * whose key is unknown is hidden whole (it may be a header).
 */
export function redactEnvValue(name: string, value: string, env?: Readonly<Record<string, string | undefined>>): string {
  if (value === '') return value;
  if (isSecretName(name)) return REDACTED;
  const pair = GIT_CONFIG_VALUE.exec(name);
  if (pair) {
    const key = env?.[`GIT_CONFIG_KEY_${pair[1]}`];
    if (key === undefined || isSecretGitKey(key)) return REDACTED;
  }
  return redactText(value);
}

/** A whole environment (or go env), each value redacted with its pairs in view. */
export function redactEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined) out[name] = redactEnvValue(name, value, env);
  return out;
}
