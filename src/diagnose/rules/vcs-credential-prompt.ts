// A git/ssh child waiting for credentials nobody will type (HANGS.md: vcs-credential-prompt).
import * as path from 'node:path';
import type { ProcessInfo } from '../../snapshot/processes';
import type { Rule } from '../rule';

function isPrompter(p: ProcessInfo): boolean {
  const name = path.basename(p.argv[0] ?? '');
  const args = p.argv.join(' ');
  return (
    /^git-credential-|askpass/i.test(name) ||
    /^git$/.test(name) && /\bcredential\b/.test(args) ||
    (name === 'ssh' && !/BatchMode[= ]yes/i.test(args)) ||
    /credential|askpass/i.test(args.split(' ').slice(0, 2).join(' '))
  );
}

/** What stops this kind of prompt. go already sets GIT_TERMINAL_PROMPT=0 — unless the user did not. */
function promptFixes(prompter: ProcessInfo, terminalPrompt: string, sshCommand: string): string[] {
  const name = path.basename(prompter.argv[0] ?? '');
  const fixes: string[] = [];
  if (/askpass/i.test(name)) fixes.push(`${name} waits for a person: unset GIT_ASKPASS / SSH_ASKPASS where no one can answer`);
  else if (name !== 'ssh') fixes.push('this credential helper asks instead of answering: git config --show-origin --get-all credential.helper shows where it is set');
  if (terminalPrompt && terminalPrompt !== '0') fixes.push(`GIT_TERMINAL_PROMPT=${terminalPrompt} is set: go sets it to 0 (fail instead of asking) unless you do`);
  if (name === 'ssh' || sshCommand) fixes.push('add -o BatchMode=yes to GIT_SSH_COMMAND');
  return fixes;
}

export const vcsCredentialPrompt: Rule = {
  cause: 'vcs-credential-prompt',
  diagnose(f) {
    const prompter = f.helpers.find(isPrompter);
    if (!prompter) return null;
    const sshCommand = f.setting('GIT_SSH_COMMAND');
    const module = f.modules[0];
    const gitProcess = f.helpers.find((p) => path.basename(p.argv[0] ?? '') === 'git');
    return {
      cause: 'vcs-credential-prompt',
      summary: `${prompter.argv.join(' ')} is waiting for credentials that no one will type (idle ${f.idle})`,
      evidence: [
        `child pid ${prompter.pid}: ${prompter.argv.join(' ')} (state ${prompter.state}${prompter.wchan ? `, in ${prompter.wchan}` : ''})`,
        ...(gitProcess ? [`under git: ${gitProcess.argv.join(' ')}`] : []),
        ...(sshCommand && !/BatchMode=yes/i.test(sshCommand) ? [`GIT_SSH_COMMAND=${sshCommand} is set without BatchMode=yes, so ssh may prompt`] : []),
      ],
      suggestions: [
        `GOPRIVATE=${module ?? 'your.private/host'} and credentials that need no prompt: a ~/.netrc entry (machine HOST login USER password TOKEN) or a non-interactive git credential helper`,
        ...promptFixes(prompter, f.setting('GIT_TERMINAL_PROMPT'), sshCommand),
        'for ssh: ssh-keyscan HOST >> ~/.ssh/known_hosts so no host-key question is asked',
      ],
    };
  },
};
