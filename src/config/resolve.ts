// Resolves every setting from its layers — environment, then config file, then default — and
// validates each with one rule for both sources. A malformed value is skipped with a warning
// (the next layer applies); a malformed file is skipped whole. Nothing here ever throws.

import * as os from 'node:os';
import * as path from 'node:path';
import { parseGoDuration } from '../duration';
import { defaultDbPath } from '../paths';
import type { ConfigFile } from './file';
import { DEFAULT_KEY, HANG_AFTER_FORMS, type HangAfter, type HangAfterTable, isHangAfterKey, parseHangAfter, splitHangAfterList } from './hang-after';
import { DEFAULT_ORIGIN, type Origin, type Sourced } from './origin';

export type OnHang = 'dump' | 'observe';

export interface Config {
  hangAfter: HangAfterTable;
  onHang: OnHang;
  probeTimeoutMs: number;
  /** The history database, or null when the history is off (GOMODSHIM_DB=off). */
  dbPath: string | null;
}

/** One line of `gomod-shim config`: `hang_after.mod`, `45s`, from the file. */
export interface SettingReport {
  name: string;
  value: string;
  origin: Origin;
}

export interface LoadedConfig {
  config: Config;
  warnings: string[];
  report: SettingReport[];
  file: ConfigFile;
}

export const DEFAULTS = {
  hangAfter: '60s',
  onHang: 'dump' as OnHang,
  probeTimeout: '3s',
  watch: 'mod,get,install,list,build,work',
};

/** The file's keys, each with the environment variable that overrides it. */
export const FILE_KEYS = {
  hang_after: 'GOMODSHIM_HANG_AFTER',
  on_hang: 'GOMODSHIM_ON_HANG',
  probe_timeout: 'GOMODSHIM_PROBE_TIMEOUT',
  db: 'GOMODSHIM_DB',
} as const;
type FileKey = keyof typeof FILE_KEYS;

// The go shim (sh) decides these before any Node.js starts, without forking: it cannot read JSON.
const ENV_ONLY: Record<string, string> = { watch: 'GOMODSHIM_WATCH', disable: 'GOMODSHIM_DISABLE' };

interface Candidate {
  raw: unknown;
  origin: Origin;
  /** How a warning names it: `GOMODSHIM_ON_HANG=loud`, `config file PATH: on_hang "loud"`. */
  label: string;
}

class Resolver {
  readonly warnings: string[] = [];
  readonly report: SettingReport[] = [];

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly file: ConfigFile,
  ) {}

  /** The environment's value (unless empty), then the file's. */
  candidates(key: FileKey): Candidate[] {
    const list: Candidate[] = [];
    const name = FILE_KEYS[key];
    const fromEnv = this.env[name];
    if (fromEnv !== undefined && fromEnv !== '') list.push({ raw: fromEnv, origin: { kind: 'env', name }, label: `${name}=${fromEnv}` });
    const settings = this.file.settings;
    if (settings && Object.hasOwn(settings, key)) {
      list.push({
        raw: settings[key],
        origin: { kind: 'file', path: this.file.path },
        label: `config file ${this.file.path}: ${key} ${JSON.stringify(settings[key])}`,
      });
    }
    return list;
  }

  /**
   * The first valid candidate, else the default; each invalid one earns a warning naming what is used.
   * shown: how the value reads in `gomod-shim config` (as written, unless given).
   */
  scalar<T>(key: FileKey, parse: (c: Candidate) => T | null, problem: string, fallback: Sourced<T>, shown?: (value: T) => string): Sourced<T> {
    const rejected: string[] = [];
    let chosen = fallback;
    for (const c of this.candidates(key)) {
      const value = parse(c);
      if (value !== null) {
        chosen = { value, origin: c.origin, written: shown ? shown(value) : String(c.raw) };
        break;
      }
      rejected.push(c.label);
    }
    for (const label of rejected) this.warnings.push(`${label} ${problem}; using ${chosen.written}`);
    this.report.push({ name: key, value: chosen.written, origin: chosen.origin });
    return chosen;
  }

  hangAfter(): HangAfterTable {
    const builtIn: HangAfterTable = {
      [DEFAULT_KEY]: { value: parseHangAfter(DEFAULTS.hangAfter) as HangAfter, origin: DEFAULT_ORIGIN, written: DEFAULTS.hangAfter },
    };
    const rejected: string[] = [];
    let table = builtIn;
    let using = DEFAULTS.hangAfter;
    for (const c of this.candidates('hang_after')) {
      const parsed = c.origin.kind === 'env' ? tableFromText(c) : this.tableFromFile(c);
      if (parsed) {
        table = { ...builtIn, ...parsed };
        using = c.origin.kind === 'file' ? "the config file's hang_after" : using;
        break;
      }
      rejected.push(c.label);
    }
    for (const label of rejected) this.warnings.push(`${label} is not ${HANG_AFTER_FORMS}, nor a list like mod=45s,90s; using ${using}`);
    for (const [key, entry] of Object.entries(table)) {
      this.report.push({ name: key === DEFAULT_KEY ? 'hang_after' : `hang_after.${key}`, value: entry.written, origin: entry.origin });
    }
    return table;
  }

  /** A string applies to every command; an object maps commands to limits (bad entries are dropped). */
  private tableFromFile(c: Candidate): HangAfterTable | null {
    if (typeof c.raw === 'string') return tableFromText(c);
    if (c.raw === null || typeof c.raw !== 'object' || Array.isArray(c.raw)) return null;
    const table: HangAfterTable = {};
    for (const [key, value] of Object.entries(c.raw as Record<string, unknown>)) {
      const parsed = typeof value === 'string' && isHangAfterKey(key) ? parseHangAfter(value) : null;
      if (parsed) table[key] = { value: parsed, origin: c.origin, written: value as string };
      else
        this.warnings.push(
          `config file ${this.file.path}: hang_after ${JSON.stringify(key)}: ${JSON.stringify(value)} is not ${HANG_AFTER_FORMS}${isHangAfterKey(key) ? '' : ' for a go command'}; ignored`,
        );
    }
    return table;
  }

  fileProblems(): void {
    const { file } = this;
    if (file.problem) this.warnings.push(`config file ${file.path} ${file.problem}; its settings are ignored`);
    for (const key of Object.keys(file.settings ?? {})) {
      if (Object.hasOwn(FILE_KEYS, key)) continue;
      const envOnly = ENV_ONLY[key];
      this.warnings.push(
        envOnly
          ? `config file ${file.path}: ${key} is read from ${envOnly} only (the go shim decides it before Node.js starts); ignored`
          : `config file ${file.path}: unknown setting ${JSON.stringify(key)} (known: ${Object.keys(FILE_KEYS).join(', ')}); ignored`,
      );
    }
  }
}

/** `45s`, `auto`, or the list form `mod=45s,build=5m,90s`. */
function tableFromText(c: Candidate): HangAfterTable | null {
  if (typeof c.raw !== 'string') return null;
  const entries = splitHangAfterList(c.raw);
  if (!entries) return null;
  const table: HangAfterTable = {};
  for (const [key, text] of Object.entries(entries)) table[key] = { value: parseHangAfter(text) as HangAfter, origin: c.origin, written: text };
  return table;
}

function positiveDuration(c: Candidate): number | null {
  const ms = typeof c.raw === 'string' ? parseGoDuration(c.raw) : null;
  return ms !== null && ms > 0 ? ms : null;
}

/** `off`, an absolute path, or (either source) ~/…: a relative path would put files in whatever folder go runs in. */
export const HISTORY_OFF = 'off';
function dbPath(env: NodeJS.ProcessEnv) {
  return (c: Candidate): string | null => {
    if (typeof c.raw !== 'string' || c.raw === '') return null;
    if (c.raw === HISTORY_OFF) return HISTORY_OFF;
    if (c.raw.startsWith('~/')) return path.join(env.HOME || os.homedir(), c.raw.slice(2));
    return path.isAbsolute(c.raw) ? path.normalize(c.raw) : null;
  };
}

export function resolveConfig(env: NodeJS.ProcessEnv, file: ConfigFile): LoadedConfig {
  const r = new Resolver(env, file);
  r.fileProblems();
  const hangAfter = r.hangAfter();
  const onHang = r.scalar<OnHang>('on_hang', (c) => (c.raw === 'dump' || c.raw === 'observe' ? c.raw : null), 'is not dump or observe', {
    value: DEFAULTS.onHang,
    origin: DEFAULT_ORIGIN,
    written: DEFAULTS.onHang,
  });
  const probeTimeout = r.scalar('probe_timeout', positiveDuration, 'is not a positive Go duration (like 45s or 2m)', {
    value: parseGoDuration(DEFAULTS.probeTimeout) as number,
    origin: DEFAULT_ORIGIN,
    written: DEFAULTS.probeTimeout,
  });
  const defaultDb = defaultDbPath(env);
  // Shown as the path used, after ~ expansion.
  const db = r.scalar(
    'db',
    dbPath(env),
    'is not an absolute path (nor ~/…, nor off)',
    { value: defaultDb, origin: DEFAULT_ORIGIN, written: defaultDb },
    (p) => p,
  );
  return {
    config: { hangAfter, onHang: onHang.value, probeTimeoutMs: probeTimeout.value, dbPath: db.value === HISTORY_OFF ? null : db.value },
    warnings: r.warnings,
    report: r.report,
    file,
  };
}
