// Evidence lines shared by the rules that read the wait chain (docs/causes.md).
import type { ProcessInfo } from '../../snapshot/processes';
import { formatChain } from '../../waitchain/format';
import type { WaitEntry } from '../../waitchain/types';
import type { Facts } from '../facts';

export function chainLine(f: Facts): string {
  return `wait chain: ${formatChain(f.chain)}`;
}

/** "pid 1250: /bin/sh /tmp/x/helper-7 get (state S, in do_wait)" — with state from the tree when it is there. */
export function processLine(f: Facts, e: WaitEntry, label = 'pid'): string {
  const p: ProcessInfo | undefined = f.snapshot.processes.find((q) => q.pid === e.pid);
  const state = p ? ` (state ${p.state}${p.wchan ? `, in ${p.wchan}` : ''})` : '';
  return `${label} ${e.pid}: ${e.argv.join(' ')}${state}`;
}

export function leafLine(e: WaitEntry): string {
  return `the chain ends at pid ${e.pid} (${e.argv.join(' ')}): ${e.waits_on.detail}`;
}
