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
        'GIT_TERMINAL_PROMPT=0 so git fails at once instead of waiting',
        ...(sshCommand ? ['add -o BatchMode=yes to GIT_SSH_COMMAND'] : []),
        'for ssh: ssh-keyscan HOST >> ~/.ssh/known_hosts so no host-key question is asked',
      ],
    };
  },
};
