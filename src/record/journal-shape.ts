// What a journal line must hold to be recorded (docs/front-protocol.md, "The run journal"). Every
// field is checked for its type: a start whose argv holds an object, or a pid that is a string,
// would otherwise reach the database and break every reader after it.
import type { RunEnd, RunStart } from './run-record';

type Fields = Record<string, unknown>;

const isObject = (v: unknown): v is Fields => v !== null && typeof v === 'object' && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isStringOrNull = (v: unknown) => v === null || isString(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isCountOrNull = (v: unknown) => v === null || isCount(v);
const isOptional = (v: unknown, check: (x: unknown) => boolean) => v === undefined || check(v);
const isInstant = (v: unknown) => isString(v) && Number.isFinite(Date.parse(v));

export function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every(isString);
}

export function isRunStart(s: unknown): s is RunStart {
  return (
    isObject(s) &&
    isString(s.uuid) &&
    /^[\w.-]{1,100}$/.test(s.uuid) &&
    isInstant(s.startedAt) &&
    isString(s.cwd) &&
    isStringOrNull(s.module ?? null) &&
    isStringList(s.argv) &&
    isString(s.subcommand) &&
    isCount(s.supervisorPid) &&
    isOptional(s.supervisorStartTime, isCount) &&
    isCountOrNull(s.goPid ?? null) &&
    isString(s.realGo) &&
    isOptional(s.caller, isStringOrNull)
  );
}

export function isRunEnd(e: unknown): e is RunEnd {
  return (
    isObject(e) &&
    isInstant(e.endedAt) &&
    isCount(e.durationMs) &&
    isOptional(e.exitCode, (v) => v === null || (typeof v === 'number' && Number.isInteger(v))) &&
    isOptional(e.signal, isStringOrNull) &&
    typeof (e.hung ?? false) === 'boolean' &&
    isOptional(e.longestIdleMs, isCount) &&
    isOptional(e.hangLimitMs, isCount) &&
    isOptional(e.hangLimitReason, isString)
  );
}
