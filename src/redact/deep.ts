// A whole record (a run, a snapshot, a stats figure) redacted before it is stored or printed:
// every string through the text rules, every member named like a secret hidden whole. Records
// written by older versions, or by a front with a rule missing, are covered this way too.
import { redactArgv } from './argv';
import { isSecretName } from './names';
import { REDACTED, redactText } from './text';

/** Members holding a command line, where one element gives the next its meaning (`--token VALUE`). */
const ARGV_KEYS = /^(argv|command|args)$/i;
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

export function redactDeep<T>(value: T): T {
  return walk(value) as T;
}

function walk(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map(walk);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
    if (typeof member === 'string' && member !== '' && isSecretName(key)) out[key] = REDACTED;
    else if (ARGV_KEYS.test(key) && isStringList(member)) out[key] = redactArgv(member);
    else out[key] = walk(member);
  }
  return out;
}
