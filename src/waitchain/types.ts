// The wait chain of a snapshot (docs/contract.md "Snapshot": wait_chain; docs/causes.md): from go
// to what holds everything up, one entry per process on the way.

export type WaitsOnKind = 'child' | 'socket' | 'pipe' | 'tty' | 'lock' | 'sleep' | 'disk' | 'cpu' | 'unknown';

/** Whom a socket's peer is to go: its settings name it, or the environment's proxy does. */
export type PeerRole = 'proxy' | 'sumdb' | 'vcs' | 'env-proxy' | 'agent' | 'other';

export interface WaitsOn {
  kind: WaitsOnKind;
  /** a short phrase: "reads pipe:[123]", "ESTABLISHED, unacked 120 B, unread 0 B", "reads /dev/pts/3" */
  detail: string;
  /** a socket's remote address ("127.0.0.1:3128") or a unix socket's path */
  peer?: string;
  peer_role?: PeerRole;
  /** the setting that sent the connection there, e.g. "HTTP_PROXY=http://127.0.0.1:3128" (redacted) */
  peer_setting?: string;
  /** for an env proxy: the GOPROXY URL go sends through it */
  peer_routes?: string;
  /** the process that holds the lock or the other end of the pipe */
  holder_pid?: number;
}

export type Role =
  | 'go'
  | 'git'
  | 'transport' // what git runs to reach a server: ssh (GIT_SSH_COMMAND) gets "git-upload-pack 'path'"
  | 'credential-helper'
  | 'askpass'
  | 'prompt'
  | 'hook'
  | 'lock-holder'
  | 'pipe-holder'
  | 'child';

export interface WaitEntry {
  pid: number;
  ppid: number;
  argv: string[]; // redacted
  role: Role;
  /** false for a process outside go's tree (a lock holder, an orphaned pipe holder) */
  in_tree: boolean;
  cwd?: string | null;
  waits_on: WaitsOn;
}
