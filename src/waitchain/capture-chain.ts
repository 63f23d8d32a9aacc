// The wait chain for a snapshot, with go's settings resolved as go resolves them. Fail-open:
// a chain that cannot be read is left out, the rest of the snapshot stands.

import { resolveGoSetting } from '../snapshot/go-settings';
import type { ProcessInfo } from '../snapshot/processes';
import { buildWaitChain } from './build';
import { peerMap } from './peers';
import type { WaitEntry } from './types';

export function waitChainOf(goPid: number, processes: ProcessInfo[], env: NodeJS.ProcessEnv, envFile: Record<string, string>): WaitEntry[] | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    const peers = peerMap(resolveGoSetting('GOPROXY', env, envFile), resolveGoSetting('GOSUMDB', env, envFile), env);
    return buildWaitChain({ goPid, tree: processes, peers });
  } catch {
    return undefined;
  }
}
