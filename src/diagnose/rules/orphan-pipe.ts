// go or one of its children reads a pipe to the end, and the writer left is a process outside
// go's tree: a helper put it in the background, an ssh ControlPersist master, a credential
// daemon (docs/causes.md "More causes": orphan-pipe). Found by the pipe's inode in /proc/*/fd.
import { programName } from '../../waitchain/format';
import type { Rule } from '../rule';
import { chainLine, leafLine, processLine } from './chain-evidence';

export const orphanPipe: Rule = {
  cause: 'orphan-pipe',
  diagnose(f) {
    const at = f.chain.findIndex((e) => e.role === 'pipe-holder');
    if (at < 1) return null;
    const holder = f.chain[at];
    const reader = f.chain[at - 1];
    const leaf = f.leaf ?? holder;
    return {
      cause: 'orphan-pipe',
      summary: `${programName(reader.argv)} (pid ${reader.pid}) waits for the end of a pipe that pid ${holder.pid} (${holder.argv.join(' ')}) keeps open outside go's tree`,
      evidence: [
        chainLine(f),
        `${processLine(f, reader)} ${reader.waits_on.detail}`,
        `pid ${holder.pid} holds the pipe's write end; its parent is pid ${holder.ppid}, not in go's tree (it was left in the background)`,
        ...(leaf !== holder ? [leafLine(leaf)] : []),
      ],
      suggestions: [
        `see what it is and who started it: ps -o pid,ppid,pgid,sid,lstart,args -p ${holder.pid}; if nothing needs it, end it: kill ${holder.pid}`,
        'a helper (credential helper, askpass, hook) must not leave a background process holding its stdout/stderr: redirect it (>/dev/null 2>&1 </dev/null)',
        'an ssh ControlPersist master holds the pipe too: ControlPersist no, or -o ControlMaster=no in GIT_SSH_COMMAND',
      ],
    };
  },
};
