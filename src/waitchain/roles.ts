// A process's role in the wait chain, from the structure around it, never from what it is
// called: what git waits on as a child is a credential helper (git passes it "get"), an
// askpass (git passes it the prompt), its transport (ssh gets "git-upload-pack 'path'" or
// "-o SendEnv=GIT_PROTOCOL") or a
// hook; what holds a lock go waits for is a lock holder; a pipe's writer outside go's tree is
// a pipe holder. Only git itself is known by name: the chain is defined by what git runs.
import { posix } from 'node:path';
import type { Role, WaitEntry } from './types';

const HELPER_ROLES: ReadonlySet<Role> = new Set(['credential-helper', 'askpass', 'hook', 'prompt', 'transport']);
const CREDENTIAL_OPERATIONS = new Set(['get', 'store', 'erase']);

export function isGit(argv: readonly string[]): boolean {
  return /^git(-remote-[\w.+-]+)?$/.test(posix.basename(argv[0] ?? ''));
}

/** The subcommand of a git command line: the first word after git's own options. */
export function gitSubcommand(argv: readonly string[]): string | null {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-c' || a === '-C' || a === '--git-dir' || a === '--work-tree') i++;
    else if (!a.startsWith('-')) return a;
  }
  return null;
}

/** A question for a person, as git and ssh pass it to an askpass program: "Password for 'https://x': ". */
export function looksLikePrompt(arg: string): boolean {
  return /\S.*[:?]\s*$/.test(arg) && /\s/.test(arg.trim());
}

export function roleOf(argv: readonly string[], pid: number, goPid: number, inTree: boolean, from: WaitEntry | null): Role {
  if (pid === goPid) return 'go';
  if (from?.waits_on.kind === 'lock') return 'lock-holder';
  if (from?.waits_on.kind === 'pipe' && !inTree) return 'pipe-holder';
  if (isGit(argv)) return 'git';
  if (from && HELPER_ROLES.has(from.role)) return from.role;
  if (from?.role === 'git') {
    // git's ssh: the remote command, or the options git adds (it first runs `CMD -G` to learn the ssh variant).
    if (argv.some((a) => /^git-(upload|receive)-pack\b/.test(a) || a === 'SendEnv=GIT_PROTOCOL')) return 'transport';
    const last = argv.length > 1 ? argv[argv.length - 1] : '';
    // git runs a helper through the shell as `sh -c 'HELPER get "$@"' 'HELPER get'`: the operation is the last word.
    if (argv.slice(1).some((a) => CREDENTIAL_OPERATIONS.has(a.trim().split(/\s+/).at(-1) ?? ''))) return 'credential-helper';
    if (looksLikePrompt(last)) return 'askpass';
    return 'hook';
  }
  return 'child';
}
