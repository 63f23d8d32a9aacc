// From a snapshot to {cause, summary, evidence, suggestions}: the first rule that applies wins.
import type { Diagnosis, Snapshot } from '../snapshot/snapshot';
import { deriveFacts } from './facts';
import type { Rule } from './rule';
import { agentPrompt } from './rules/agent-prompt';
import { buildvcsGit } from './rules/buildvcs-git';
import { httpProxyUnresponsive } from './rules/http-proxy-unresponsive';
import { modcacheLock } from './rules/modcache-lock';
import { connectStall, dnsStall, tlsStall } from './rules/network-stall';
import { orphanPipe } from './rules/orphan-pipe';
import { proxyUnresponsive, sumdbUnresponsive } from './rules/server-unresponsive';
import { toolchainDownload } from './rules/toolchain-download';
import { unknown } from './rules/unknown';
import { vcsCredentialPrompt } from './rules/vcs-credential-prompt';
import { vcsUnresponsive } from './rules/vcs-unresponsive';

// Most specific first: a lock wait or a prompt explains the silence better than the sockets do;
// the wait chain's leaf (docs/causes.md) before the rules that look at go's own sockets.
export const RULES: readonly Rule[] = [
  modcacheLock,
  orphanPipe,
  toolchainDownload,
  vcsCredentialPrompt,
  agentPrompt,
  buildvcsGit,
  httpProxyUnresponsive,
  vcsUnresponsive,
  dnsStall,
  connectStall,
  tlsStall,
  sumdbUnresponsive,
  proxyUnresponsive,
];

export function diagnose(snapshot: Omit<Snapshot, 'diagnosis'>, rules: readonly Rule[] = RULES): Diagnosis {
  const facts = deriveFacts(snapshot);
  for (const rule of rules) {
    const d = rule.diagnose(facts);
    if (d) return d;
  }
  return unknown.diagnose(facts) as Diagnosis;
}
