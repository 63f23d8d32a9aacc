// Takes a snapshot of a hung run: the process tree first, while go is still as it hung, then
// `go env` and the network probe in parallel, each bounded. The goroutine dump is added later
// (src/supervise/hang.ts), after the snapshot is safely stored.
import type { OnHang } from '../config';
import { redactArgv, redactUrls } from '../redact';
import { captureEnv } from './env';
import { readGoEnv } from './go-env';
import { readGoEnvFile, resolveGoSetting } from './go-settings';
import { probeAll } from './probe/probe';
import { probeTargets } from './probe/targets';
import { describeProcessTree } from './processes';
import type { Snapshot } from './snapshot';

export interface CaptureInput {
  goPid: number;
  rootPid: number; // the supervisor's child: the tree shown starts here
  realGo: string;
  goArgs: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  idleMs: number;
  trigger: Snapshot['trigger'];
  hangAfterMs: number;
  mode: OnHang;
  stderrTail: string[];
  probeTimeoutMs: number;
}

export async function captureSnapshot(input: CaptureInput): Promise<Omit<Snapshot, 'diagnosis'>> {
  const takenAt = new Date().toISOString();
  const processes = describeProcessTree(input.rootPid);
  const envFile = readGoEnvFile(input.env);
  const targets = probeTargets({
    goproxy: resolveGoSetting('GOPROXY', input.env, envFile),
    gosumdb: resolveGoSetting('GOSUMDB', input.env, envFile),
    sockets: processes.flatMap((p) => p.sockets.map((s) => ({ remote: s.remote, argv: p.argv }))),
    env: input.env,
  });
  const [goEnv, network] = await Promise.all([
    readGoEnv(input.realGo, input.env, input.cwd, 3 * input.probeTimeoutMs),
    probeAll(targets, input.probeTimeoutMs),
  ]);
  return {
    taken_at: takenAt,
    idle_ms: input.idleMs,
    trigger: input.trigger,
    hang_after_ms: input.hangAfterMs,
    mode: input.mode,
    command: redactArgv(input.goArgs),
    go_pid: input.goPid,
    env: captureEnv(input.env),
    go_env: goEnv.values,
    go_env_error: goEnv.error,
    processes,
    network,
    goroutines: { raw: null, parsed: [] },
    stderr_tail: input.stderrTail.map(redactUrls),
  };
}
