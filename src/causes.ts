// The cause labels of docs/contract.md, "Snapshot".
export const CAUSES = [
  'proxy-unresponsive',
  'http-proxy-unresponsive',
  'connect-stall',
  'dns-stall',
  'tls-stall',
  'sumdb-unresponsive',
  'vcs-unresponsive',
  'vcs-credential-prompt',
  'agent-prompt',
  'orphan-pipe',
  'buildvcs-git',
  'modcache-lock',
  'toolchain-download',
  'unknown',
] as const;

export type Cause = (typeof CAUSES)[number];

export function isCause(s: string): s is Cause {
  return (CAUSES as readonly string[]).includes(s);
}
