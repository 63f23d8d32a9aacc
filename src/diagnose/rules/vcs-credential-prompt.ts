// A git/ssh child waiting for credentials nobody will type (docs/causes.md: vcs-credential-prompt).
// With a wait chain, the prompter is found by structure (what git waits on, a process reading a
// tty); snapshots of older versions, without one, fall back to names.
import * as path from 'node:path';
import type { ProcessInfo } from '../../snapshot/processes';
import type { WaitEntry } from '../../waitchain/types';
import type { Facts } from '../facts';
import type { Rule } from '../rule';
import { chainLine, leafLine } from './chain-evidence';

function isPrompter(p: ProcessInfo): boolean {
  const name = path.basename(p.argv[0] ?? '');
  const args = p.argv.join(' ');
  return (
    /^git-credential-|askpass/i.test(name) ||
    (/^git$/.test(name) && /\bcredential\b/.test(args)) ||
    (name === 'ssh' && !/BatchMode[= ]yes/i.test(args)) ||
    /credential|askpass/i.test(args.split(' ').slice(0, 2).join(' '))
  );
}

const PROMPTING_ROLES = new Set(['credential-helper', 'askpass', 'prompt']);

/** The first process in the chain that asks: what git runs for credentials, or whoever reads a tty. */
function chainPrompter(chain: WaitEntry[]): WaitEntry | null {
  const asking = chain.filter((e) => PROMPTING_ROLES.has(e.role) || (e.role === 'transport' && chain.at(-1)?.waits_on.kind === 'tty'));
  // git starts a helper through `sh -c '…'`: name the program the shell runs, not the shell.
  return asking.find((e, i) => !(e.argv[1] === '-c' && asking[i + 1]?.ppid === e.pid)) ?? asking[0] ?? null;
}

/** What stops this kind of prompt. go already sets GIT_TERMINAL_PROMPT=0 — unless the user did not. */
function promptFixes(f: Facts, prompter: Pick<ProcessInfo, 'argv'>, role: string | null, terminalPrompt: string, sshCommand: string): string[] {
  const name = path.basename(prompter.argv[0] ?? '');
  const askpass = ['GIT_ASKPASS', 'SSH_ASKPASS'].filter((v) => f.setting(v));
  const fixes: string[] = [];
  if (role === 'askpass' || (role === null && /askpass/i.test(name))) {
    fixes.push(
      `${askpass.length ? `${askpass.map((v) => `${v}=${f.setting(v)}`).join(' and ')} asks` : 'the askpass program asks'} a person: unset ${askpass.join(' / ') || 'GIT_ASKPASS / SSH_ASKPASS'} where no one can answer (GIT_TERMINAL_PROMPT=0 does not stop an askpass)`,
    );
  } else if (role === 'credential-helper' || (role === null && name !== 'ssh')) {
    const fromEnv = f.setting('GIT_CONFIG_COUNT') ? ' (GIT_CONFIG_COUNT / GIT_CONFIG_KEY_n in the environment set one too)' : '';
    fixes.push(`this credential helper asks instead of answering: git config --show-origin --get-all credential.helper shows where it is set${fromEnv}`);
  }
  if (terminalPrompt && terminalPrompt !== '0')
    fixes.push(`GIT_TERMINAL_PROMPT=${terminalPrompt} is set: go sets it to 0 (fail instead of asking) unless you do`);
  if (name === 'ssh' || sshCommand) fixes.push('add -o BatchMode=yes to GIT_SSH_COMMAND');
  return fixes;
}

export const vcsCredentialPrompt: Rule = {
  cause: 'vcs-credential-prompt',
  diagnose(f) {
    const inChain = chainPrompter(f.chain);
    const prompter = inChain
      ? (f.snapshot.processes.find((p) => p.pid === inChain.pid) ?? { ...inChain, state: '?', wchan: null })
      : f.chain.length > 0
        ? null
        : f.helpers.find(isPrompter);
    if (!prompter) return null;
    const sshCommand = f.setting('GIT_SSH_COMMAND');
    const module = f.modules[0];
    const gitProcess = f.helpers.find((p) => path.basename(p.argv[0] ?? '') === 'git');
    return {
      cause: 'vcs-credential-prompt',
      summary: `${prompter.argv.join(' ')} is waiting for credentials that no one will type (pid ${prompter.pid}${inChain ? `, ${inChain.role}` : ''}, idle ${f.idle})`,
      evidence: [
        `child pid ${prompter.pid}: ${prompter.argv.join(' ')} (state ${prompter.state}${prompter.wchan ? `, in ${prompter.wchan}` : ''})`,
        ...(inChain ? [chainLine(f), ...(f.leaf && f.leaf.pid !== inChain.pid ? [leafLine(f.leaf)] : [`it ${inChain.waits_on.detail}`])] : []),
        ...(gitProcess ? [`under git: ${gitProcess.argv.join(' ')}`] : []),
        ...(sshCommand && !/BatchMode=yes/i.test(sshCommand) ? [`GIT_SSH_COMMAND=${sshCommand} is set without BatchMode=yes, so ssh may prompt`] : []),
      ],
      suggestions: [
        `GOPRIVATE=${module ?? 'your.private/host'} and credentials that need no prompt: a ~/.netrc entry (machine HOST login USER password TOKEN) or a non-interactive git credential helper`,
        ...promptFixes(f, prompter, inChain?.role ?? null, f.setting('GIT_TERMINAL_PROMPT'), sshCommand),
        'for ssh: ssh-keyscan HOST >> ~/.ssh/known_hosts so no host-key question is asked',
      ],
    };
  },
};
