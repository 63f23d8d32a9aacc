// Every GOMODSHIM_* setting is read and validated here, once. A malformed value is
// reported as a warning and replaced by its default: a bad setting never breaks go.
import { parseGoDuration } from './duration';
import { defaultDbPath } from './paths';

export type OnHang = 'dump' | 'observe';

export interface Config {
  hangAfterMs: number;
  onHang: OnHang;
  probeTimeoutMs: number;
  dbPath: string;
}

export const DEFAULTS = {
  hangAfter: '60s',
  onHang: 'dump' as OnHang,
  probeTimeout: '3s',
  watch: 'mod,get,install,list,build,work',
};

export interface LoadedConfig {
  config: Config;
  warnings: string[];
}

export function loadConfig(env: NodeJS.ProcessEnv): LoadedConfig {
  const warnings: string[] = [];

  const duration = (name: string, fallback: string): number => {
    const raw = env[name];
    const fallbackMs = parseGoDuration(fallback) as number;
    if (raw === undefined || raw === '') return fallbackMs;
    const ms = parseGoDuration(raw);
    if (ms === null || ms <= 0) {
      warnings.push(`${name}=${raw} is not a positive Go duration (like 45s or 2m); using ${fallback}`);
      return fallbackMs;
    }
    return ms;
  };

  let onHang = DEFAULTS.onHang;
  const rawOnHang = env.GOMODSHIM_ON_HANG;
  if (rawOnHang === 'dump' || rawOnHang === 'observe') onHang = rawOnHang;
  else if (rawOnHang) warnings.push(`GOMODSHIM_ON_HANG=${rawOnHang} is not dump or observe; using dump`);

  return {
    config: {
      hangAfterMs: duration('GOMODSHIM_HANG_AFTER', DEFAULTS.hangAfter),
      onHang,
      probeTimeoutMs: duration('GOMODSHIM_PROBE_TIMEOUT', DEFAULTS.probeTimeout),
      dbPath: env.GOMODSHIM_DB || defaultDbPath(env),
    },
    warnings,
  };
}
