// The config file: ${XDG_CONFIG_HOME:-~/.config}/gomod-shim/config.json. JSON, because the
// supervisor reads it on every watched run and JSON.parse costs no module load.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { configHome } from '../paths';

export interface ConfigFile {
  path: string;
  found: boolean;
  /** The top-level object, or null when there is none (absent, unreadable, malformed). */
  settings: Record<string, unknown> | null;
  /** Why a file that exists could not be used. */
  problem: string | null;
}

export function configFilePath(env: NodeJS.ProcessEnv): string {
  return path.join(configHome(env), 'gomod-shim', 'config.json');
}

/** Parses config text: a JSON object, or a one-line reason why not. */
export function parseConfigText(text: string): { settings: Record<string, unknown> } | { problem: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return { problem: `is not valid JSON (${(err as Error).message})` };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { problem: 'is not a JSON object' };
  return { settings: parsed as Record<string, unknown> };
}

/** Reads the file; a missing file is no problem, any other failure is one. Never throws. */
export function readConfigFile(file: string): ConfigFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { path: file, found: false, settings: null, problem: null };
    return { path: file, found: true, settings: null, problem: `cannot be read (${code ?? (err as Error).message})` };
  }
  const result = parseConfigText(text);
  return 'problem' in result
    ? { path: file, found: true, settings: null, problem: result.problem }
    : { path: file, found: true, settings: result.settings, problem: null };
}
