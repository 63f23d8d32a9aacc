// What a process waits on, from where the kernel put it to sleep (/proc/PID/wchan, per thread)
// and its state letter. Pure: the caller reads the files. Names differ between kernels
// (pipe_wait → pipe_read → anon_pipe_read; n_tty_read sleeps in wait_woken), so each kind is
// a set of patterns, checked on captured samples (test/fixtures/procfs/wchan-samples.txt).

export type WaitKind = 'child' | 'pipe' | 'socket' | 'tty' | 'lock' | 'sleep' | 'fifo' | 'poll' | 'disk' | 'cpu' | 'stopped' | 'unknown';

const PATTERNS: [WaitKind, RegExp][] = [
  ['lock', /^(locks_lock_inode_wait|flock_lock_inode_wait|__flock|fcntl_setlk|posix_lock|locks_)/],
  ['child', /^(do_wait|kernel_wait4|__do_sys_wait|do_waitid)/],
  ['pipe', /^(anon_pipe_read|pipe_read|pipe_wait|pipe_write|anon_pipe_write)/],
  ['fifo', /^(wait_for_partner|fifo_open)/],
  ['tty', /^(n_tty_read|tty_read)/],
  ['socket', /^(unix_stream_read_generic|unix_stream_data_wait|unix_dgram_recvmsg|sk_wait_data|inet_csk_accept|tcp_recvmsg|inet_wait_for_connect|sock_)/],
  ['sleep', /^(hrtimer_nanosleep|do_nanosleep|clock_nanosleep|common_nsleep)/],
  ['poll', /^(do_select|core_sys_select|do_sys_poll|poll_schedule_timeout|ep_poll|do_epoll_wait)/],
];

export interface WaitContext {
  state: string; // R, S, D, T, t, Z, I
  /** wchan of each thread (the main thread first); "0" or "" when running */
  wchans: string[];
  /** what the process has open: a sleep in wait_woken is a tty read only with a tty open */
  hasTty: boolean;
  hasSocket: boolean;
}

function matchWchan(wchan: string): WaitKind | null {
  for (const [kind, re] of PATTERNS) if (re.test(wchan)) return kind;
  return null;
}

/** The most telling wait among the threads: a lock or a child beats a poll loop elsewhere. */
export function classifyWait(ctx: WaitContext): WaitKind {
  if (ctx.state === 'T' || ctx.state === 't') return 'stopped';
  const kinds = new Set<WaitKind>();
  for (const w of ctx.wchans) {
    const kind = matchWchan(w);
    if (kind) kinds.add(kind);
    else if (/^wait_woken/.test(w)) kinds.add(ctx.hasTty ? 'tty' : ctx.hasSocket ? 'socket' : 'unknown');
  }
  // The state letter is the main thread's: a go whose main thread is running for a moment
  // (GC, a timer) still has a thread blocked in do_wait or flock, and that is what it waits on.
  for (const kind of ['lock', 'child', 'pipe', 'fifo', 'tty'] as WaitKind[]) if (kinds.has(kind)) return kind;
  if (ctx.state === 'R') return 'cpu';
  for (const kind of ['socket', 'sleep', 'poll'] as WaitKind[]) if (kinds.has(kind)) return kind;
  if (ctx.state === 'D') return 'disk';
  return 'unknown';
}
