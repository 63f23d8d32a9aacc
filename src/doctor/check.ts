// One line of the doctor's checklist: a name, a verdict, what was seen, and the fix.
export type Verdict = 'pass' | 'warn' | 'fail';

export interface CheckResult {
  name: string;
  status: Verdict;
  detail: string;
  fix?: string;
}

export interface DoctorContext {
  env: NodeJS.ProcessEnv;
  cwd: string;
  probeTimeoutMs: number;
  /** `go env -json` of the real go, read once for every check (null when it failed). */
  goEnv: Record<string, string> | null;
  realGo: string | null;
}

export type Check = (ctx: DoctorContext) => Promise<CheckResult | CheckResult[]>;
