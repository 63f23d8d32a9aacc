// Dependencies of the current module that look private but that GOPRIVATE does not cover: go
// would ask the public proxy and checksum database about them, and fail or leak their names.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Check } from '../check';
import { matchesPrefixPatterns } from '../module-patterns';

// Hosts that serve public modules; anything under them is not flagged.
const PUBLIC_HOSTS =
  /^(github\.com|gitlab\.com|bitbucket\.org|golang\.org|google\.golang\.org|gopkg\.in|go\.uber\.org|k8s\.io|sigs\.k8s\.io|cloud\.google\.com|go\.opentelemetry\.io|go\.etcd\.io|honnef\.co|mvdan\.cc|gotest\.tools|gorm\.io|go\.mongodb\.org|gonum\.org|[a-z0-9-]+\.googlesource\.com)$/;
// Names that only resolve inside an organisation.
const PRIVATE_LOOKING =
  /(\.(local|internal|corp|lan|intra|intranet|private|home|localdomain)$)|^(localhost|\d+\.\d+\.\d+\.\d+)(:\d+)?$|^(git|gitlab|gitea|scm|code|source|vcs)\./;

function nearestGoMod(dir: string): string | null {
  for (let d = dir; ; d = path.dirname(d)) {
    const f = path.join(d, 'go.mod');
    if (fs.existsSync(f)) return f;
    if (d === path.dirname(d)) return null;
  }
}

/** Module paths in require directives, single-line and block form. */
export function requiredModules(goMod: string): string[] {
  const out: string[] = [];
  let inBlock = false;
  for (const raw of goMod.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (/^require\s*\($/.test(line)) inBlock = true;
    else if (inBlock && line === ')') inBlock = false;
    else {
      const m = inBlock ? /^(\S+)\s+v\S+/.exec(line) : /^require\s+(\S+)\s+v\S+/.exec(line);
      if (m) out.push(m[1].replace(/^"|"$/g, ''));
    }
  }
  return out;
}

export function looksPrivate(modulePath: string): boolean {
  const host = modulePath.split('/')[0];
  return !PUBLIC_HOSTS.test(host) && PRIVATE_LOOKING.test(host);
}

export const privateDepsCheck: Check = async (ctx) => {
  const goMod = nearestGoMod(ctx.cwd);
  if (!goMod) return { name: 'private modules', status: 'pass', detail: 'not in a module (no go.mod here or above)' };
  const goprivate = [ctx.goEnv?.GOPRIVATE, ctx.goEnv?.GONOSUMDB].filter(Boolean).join(',');
  const uncovered = requiredModules(fs.readFileSync(goMod, 'utf8')).filter((m) => looksPrivate(m) && !matchesPrefixPatterns(goprivate, m));
  if (uncovered.length === 0) return { name: 'private modules', status: 'pass', detail: `${goMod}: none uncovered (GOPRIVATE=${ctx.goEnv?.GOPRIVATE ?? ''})` };
  const hosts = [...new Set(uncovered.map((m) => m.split('/')[0]))];
  return {
    name: 'private modules',
    status: 'fail',
    detail: `${uncovered.join(', ')} look private but GOPRIVATE does not cover them`,
    fix: `go env -w GOPRIVATE=${[ctx.goEnv?.GOPRIVATE, ...hosts].filter(Boolean).join(',')}`,
  };
};
