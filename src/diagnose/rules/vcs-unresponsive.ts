// A git/hg/svn child connected to (or connecting to) a server that does not answer (docs/causes.md).
import * as path from 'node:path';
import type { ProbeResult } from '../../snapshot/probe/probe';
import { probeEvidence } from '../facts';
import type { Rule } from '../rule';

const VCS = /^(git|git-remote-https?|hg|svn|bzr|fossil)$/;

// A VCS server is probed by TCP (and TLS on 443) only: a connect that succeeds says the port
// accepts connections, not that the server answers git — a silent git server passes it too.
function vcsProbeEvidence(p: ProbeResult): string {
  if (p.ok && p.http_status !== null) return `${probeEvidence(p)}: it answers now (intermittent?)`;
  if (p.ok) return `${probeEvidence(p)}: the port accepts connections (the probe does not speak the VCS protocol)`;
  return probeEvidence(p);
}

export const vcsUnresponsive: Rule = {
  cause: 'vcs-unresponsive',
  diagnose(f) {
    const vcs = f.helpers.filter((p) => VCS.test(path.basename(p.argv[0] ?? '')));
    const waitingInGo = f.inStack('os/exec.(*Cmd).Wait') && f.inStack('modfetch/codehost', 'cmd/go/internal/vcs.');
    if (vcs.length === 0 && !waitingInGo) return null;
    // With a wait chain, the socket at its leaf (a helper may hold an inherited copy of git's).
    const leaf = f.leaf?.waits_on.kind === 'socket' ? f.leaf : null;
    const socket = (leaf && f.helperSockets.find((s) => s.owner.pid === leaf.pid && s.remote === leaf.waits_on.peer)) ?? f.helperSockets[0];
    const waiter = socket?.owner ?? vcs[vcs.length - 1];
    const where = socket ? `${socket.remote} (${socket.state})` : 'its server';
    return {
      cause: 'vcs-unresponsive',
      summary: `${waiter ? waiter.argv.join(' ') : 'a version-control command'} is waiting on ${where} with nothing moving for ${f.idle}`,
      evidence: [
        ...vcs.map((p) => `child pid ${p.pid}: ${p.argv.join(' ')} (state ${p.state}${p.wchan ? `, in ${p.wchan}` : ''})`),
        ...(socket ? [`socket ${socket.local} → ${socket.remote} ${socket.state}, unacked ${socket.tx_queue} B`] : []),
        ...(waitingInGo ? ['go is in os/exec.(*Cmd).Wait under modfetch/codehost'] : []),
        ...f.probes.filter((p) => p.role === 'vcs').map(vcsProbeEvidence),
      ],
      suggestions: [
        `fetch through a module proxy instead of direct: GOPROXY=https://proxy.golang.org,direct (now: ${f.setting('GOPROXY') || 'default'})`,
        'make git give up on a stalled transfer: git config --global http.lowSpeedLimit 1000 && git config --global http.lowSpeedTime 30',
        ...(socket ? [`check the server: git ls-remote against ${socket.remote}, or curl -v`] : []),
      ],
    };
  },
};
