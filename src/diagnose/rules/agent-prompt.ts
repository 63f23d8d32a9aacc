// ssh waits on its agent ($SSH_AUTH_SOCK), which asks a person for a confirmation or a PIN
// outside go's tree (docs/causes.md "More causes": agent-prompt).
import type { Rule } from '../rule';
import { chainLine, processLine } from './chain-evidence';

export const agentPrompt: Rule = {
  cause: 'agent-prompt',
  diagnose(f) {
    const leaf = f.leaf;
    if (leaf?.waits_on.kind !== 'socket' || leaf.waits_on.peer_role !== 'agent') return null;
    const socket = leaf.waits_on.peer ?? '$SSH_AUTH_SOCK';
    return {
      cause: 'agent-prompt',
      summary: `${leaf.argv.join(' ')} (pid ${leaf.pid}) waits on the ssh agent at ${socket}: it asks for a confirmation or PIN no one gives (idle ${f.idle})`,
      evidence: [chainLine(f), `${processLine(f, leaf)} waits on a unix socket to the agent (${leaf.waits_on.peer_setting ?? 'SSH_AUTH_SOCK'})`],
      suggestions: [
        'confirm or unlock in the agent first (pinentry, a security key touch), or check it answers: ssh-add -l',
        'for unattended runs, load a key without confirmation (ssh-add without -c) or use a deploy key without a PIN',
        'or bypass the agent for this run: SSH_AUTH_SOCK= with a key file that needs no passphrase, and -o BatchMode=yes in GIT_SSH_COMMAND',
      ],
    };
  },
};
