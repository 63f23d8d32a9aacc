// Takes a snapshot of a hung run in two parts:
//   local  — the process tree (sockets, locks), env and go's settings, read from this machine in
//            milliseconds, first, while go is still exactly as it hung;
//   remote — `go env -json` and the network probe, each bounded, which take seconds.
// The hang procedure (src/watcher/hang.ts) reports after the local part and stores the
// remote one when it comes. The goroutine dump is added there too.
import type { OnHang } from '../config';
import { redactArgv, redactEnvValue, redactText } from '../redact';
import { waitChainOf } from '../waitchain/capture-chain';
import { captureEnv } from './env';
import { readGoEnv } from './go-env';
import { readGoEnvFile, resolveGoSetting } from './go-settings';
import { isHang } from './is-hang';
import { probeAll } from './probe/probe';
import { probeTargets } from './probe/targets';
import { describeProcessTree } from './processes';
import type { Snapshot } from './snapshot';

// What the diagnosis needs before `go env -json` answers: go's own resolution, from the
// environment and the go env file (`go env -w`).
const GO_ENV_MIN_TIMEOUT_MS = 5000;
const SETTINGS = ['GOPROXY', 'GOSUMDB', 'GOPRIVATE', 'GONOPROXY', 'GONOSUMDB', 'GOINSECURE', 'GOFLAGS', 'GOTOOLCHAIN'];

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
  hangAfterReason: string;
  mode: OnHang;
  stderrTail: string[];
  probeTimeoutMs: number;
}

export type PartialSnapshot = Omit<Snapshot, 'diagnosis'>;

export function captureLocal(input: CaptureInput): PartialSnapshot {
  const envFile = readGoEnvFile(input.env);
  const settings: Record<string, string> = {};
  for (const name of SETTINGS) settings[name] = redactEnvValue(name, resolveGoSetting(name, input.env, envFile));
  const processes = describeProcessTree(input.rootPid);
  return {
    taken_at: new Date().toISOString(),
    complete: false,
    idle_ms: input.idleMs,
    trigger: input.trigger,
    hung: isHang(input.trigger, input.idleMs, input.hangAfterMs),
    hang_after_ms: input.hangAfterMs,
    hang_after_reason: input.hangAfterReason,
    mode: input.mode,
    command: redactArgv(input.goArgs),
    go_pid: input.goPid,
    env: captureEnv(input.env),
    go_env: settings,
    go_env_error: 'go env -json not read yet: these are the settings from the environment and the go env file',
    processes,
    wait_chain: waitChainOf(input.goPid, processes, input.env, envFile),
    network: [],
    goroutines: { raw: null, parsed: [] },
    stderr_tail: input.stderrTail.map(redactText),
  };
}

/** go env and the probe, for a snapshot whose local part is already taken. */
export async function captureRemote(local: PartialSnapshot, input: CaptureInput): Promise<Pick<Snapshot, 'go_env' | 'go_env_error' | 'network' | 'complete'>> {
  const envFile = readGoEnvFile(input.env);
  const targets = probeTargets({
    goproxy: resolveGoSetting('GOPROXY', input.env, envFile),
    gosumdb: resolveGoSetting('GOSUMDB', input.env, envFile),
    sockets: local.processes.flatMap((p) => p.sockets.map((s) => ({ remote: s.remote, argv: p.argv }))),
    env: input.env,
  });
  const [goEnv, network] = await Promise.all([
    // go env starts a whole go: under load it can take seconds, whatever the probe's limit.
    readGoEnv(input.realGo, input.env, input.cwd, Math.max(GO_ENV_MIN_TIMEOUT_MS, 3 * input.probeTimeoutMs)),
    // The whole snapshot is bounded: HANG_AFTER + 3 × GOMODSHIM_PROBE_TIMEOUT (README, "Performance").
    probeAll(targets, input.probeTimeoutMs, { totalMs: 3 * input.probeTimeoutMs }),
  ]);
  return goEnv.values
    ? { go_env: goEnv.values, go_env_error: null, network, complete: true }
    : { go_env: local.go_env, go_env_error: `${goEnv.error}; shown: the settings from the environment and the go env file`, network, complete: true };
}
