// go build / go list stamping version-control information runs git status (and git log) in
// the repository around the module; a huge repository, a network drive or a hook that never
// returns (core.fsmonitor) stops the build (docs/causes.md "More causes": buildvcs-git).
import { gitSubcommand } from '../../waitchain/roles';
import type { Rule } from '../rule';
import { chainLine, leafLine, processLine } from './chain-evidence';

// What go's VCS stamping asks git (cmd/go/internal/vcs: git status --porcelain, git log -1 …).
const STAMPING = new Set(['status', 'log', 'rev-parse', 'show', 'describe']);
// go commands that fetch modules run git through modfetch: never stamping.
const FETCHING = new Set(['mod', 'get', 'work']);

export const buildvcsGit: Rule = {
  cause: 'buildvcs-git',
  diagnose(f) {
    const [go, git] = f.chain;
    if (!go || !git || go.role !== 'go' || git.role !== 'git' || FETCHING.has(f.snapshot.command[0] ?? '')) return null;
    const sub = gitSubcommand(git.argv);
    if (sub === null || !STAMPING.has(sub)) return null;
    const hook = f.chain.find((e) => e.role === 'hook');
    const where = git.cwd ? ` in ${git.cwd}` : '';
    return {
      cause: 'buildvcs-git',
      summary: `${f.command}'s VCS stamping waits on ${git.argv.join(' ')} (pid ${git.pid})${where}${hook ? `, which waits on its hook ${hook.argv.join(' ')} (pid ${hook.pid})` : ''}`,
      evidence: [
        chainLine(f),
        processLine(f, git, 'git, run by go to stamp the binary, pid'),
        ...(hook ? [`${processLine(f, hook, 'hook run by git, pid')}: ${hook.waits_on.detail}`] : []),
        ...(f.leaf && f.leaf !== git && f.leaf !== hook ? [leafLine(f.leaf)] : []),
      ],
      suggestions: [
        `build without VCS stamping: ${f.command} -buildvcs=false, or GOFLAGS=-buildvcs=false`,
        ...(hook
          ? [`fix or remove the hook: git -C ${git.cwd ?? '.'} config --show-origin --get core.fsmonitor (and .git/hooks); then end it: kill ${hook.pid}`]
          : []),
        `see why git is slow there: time git -C ${git.cwd ?? '.'} status --porcelain (a huge repository or a network drive above the module?)`,
      ],
    };
  },
};
