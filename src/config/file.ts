// The config file: ${XDG_CONFIG_HOME:-~/.config}/gomod-shim/config.json. JSON, because the
// supervisor reads it on every watched run and JSON.parse costs no module load.
import * as path from 'node:path';
import { readRegularFile } from '../files/read-regular';
import { configHome } from '../paths';

/** A config file is a few lines; anything this large is not one (and is not read whole). */
export const CONFIG_MAX_BYTES = 64 * 1024;

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

/**
 * Reads the file; a missing file is no problem, any other failure is one. Never throws, never
 * blocks: a FIFO or a device at the path is refused unread (src/files/read-regular.ts). A symlink
 * is followed: dotfiles managers link config files, and reading one changes nothing.
 */
export function readConfigFile(file: string): ConfigFile {
  const read = readRegularFile(file, { maxBytes: CONFIG_MAX_BYTES, followSymlinks: true });
  if (!read.ok) {
    if (read.reason === 'missing') return { path: file, found: false, settings: null, problem: null };
    return { path: file, found: true, settings: null, problem: read.reason === 'unreadable' ? `cannot be read (${read.detail})` : read.detail };
  }
  const text = read.text;
  const result = parseConfigText(text);
  return 'problem' in result
    ? { path: file, found: true, settings: null, problem: result.problem }
    : { path: file, found: true, settings: result.settings, problem: null };
}
