// Every gomod-shim setting is read and validated here, once: GOMODSHIM_* environment variables
// over the config file (src/config/file.ts) over the defaults. A malformed value or file is
// reported as a warning and the next layer applies: a bad setting never breaks go.
import { configFilePath, readConfigFile } from './config/file';
import { type LoadedConfig, resolveConfig } from './config/resolve';

export { configFilePath } from './config/file';
export { type Config, DEFAULTS, type LoadedConfig, type OnHang, resolveConfig, type SettingReport } from './config/resolve';

/** Reads the config file (a missing one is fine) and resolves every setting. Never throws. */
export function loadConfig(env: NodeJS.ProcessEnv): LoadedConfig {
  return resolveConfig(env, readConfigFile(configFilePath(env)));
}
