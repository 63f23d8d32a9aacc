// The settings that decide where go fetches from, as `go env` resolves them. Notes only on
// settings the user changed: Go's own defaults are what everyone runs with.
import type { Check } from '../check';
import { goDefaults, isGoDefault } from '../go-defaults';

const SHOWN = ['GOPROXY', 'GOSUMDB', 'GOPRIVATE', 'GONOPROXY', 'GONOSUMDB', 'GOFLAGS', 'GOTOOLCHAIN'];

export const settingsCheck: Check = async (ctx) => {
  if (!ctx.goEnv)
    return { name: 'go env', status: 'fail', detail: 'go env -json did not answer', fix: 'run go env by hand: a broken go env file (go env -w) shows there' };
  const shown = SHOWN.filter((k) => k in ctx.goEnv!).map((k) => `${k}=${ctx.goEnv![k] || '""'}`);
  const notes: string[] = [];
  const proxy = ctx.goEnv.GOPROXY ?? '';
  const userProxy = !isGoDefault('GOPROXY', proxy, goDefaults(ctx.goEnv.GOROOT));
  if (userProxy && proxy.includes(',') && !proxy.includes('|') && !/^(direct|off)?$/.test(proxy.split(',')[0])) {
    notes.push('"," falls back only on 404/410; "|" falls back on any error');
  }
  const ssh = ctx.env.GIT_SSH_COMMAND;
  if (ssh && !/BatchMode=yes/i.test(ssh)) notes.push('GIT_SSH_COMMAND is set without -o BatchMode=yes: ssh may prompt and hang');
  return {
    name: 'go env',
    status: notes.length > 0 ? 'warn' : 'pass',
    detail: [shown.join(' '), ...notes].join('; '),
    ...(notes.length > 0
      ? { fix: notes.some((n) => n.startsWith('GIT_SSH')) ? 'add -o BatchMode=yes to GIT_SSH_COMMAND' : 'consider "|" between proxies' }
      : {}),
  };
};
