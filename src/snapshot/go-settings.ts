// A go setting as go itself resolves it — environment, then the go env file written by
// `go env -w`, then the default — without starting go (the probe must not wait for it).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const DEFAULTS: Record<string, string> = {
  GOPROXY: 'https://proxy.golang.org,direct',
  GOSUMDB: 'sum.golang.org',
};

/** The go env file: $GOENV, else os.UserConfigDir()/go/env (as cmd/go/internal/cfg). */
export function goEnvFilePath(env: NodeJS.ProcessEnv): string | null {
  if (env.GOENV !== undefined) return env.GOENV === 'off' || env.GOENV === '' ? null : env.GOENV;
  const config = env.XDG_CONFIG_HOME || (env.HOME ? path.join(env.HOME, '.config') : path.join(os.homedir(), '.config'));
  return path.join(config, 'go', 'env');
}

/** "KEY=value" lines, as `go env -w` writes them. */
export function parseGoEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0 && !line.startsWith('#')) out[line.slice(0, eq).trim()] = line.slice(eq + 1);
  }
  return out;
}

export function resolveGoSetting(name: string, env: NodeJS.ProcessEnv, envFile: Record<string, string>): string {
  const fromEnv = env[name];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const fromFile = envFile[name];
  if (fromFile !== undefined && fromFile !== '') return fromFile;
  return DEFAULTS[name] ?? '';
}

export function readGoEnvFile(env: NodeJS.ProcessEnv): Record<string, string> {
  const file = goEnvFilePath(env);
  if (!file) return {};
  try {
    return parseGoEnvFile(fs.readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
}
