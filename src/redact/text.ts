// Secrets inside free text: argv elements, go env values, process command lines, goroutine dumps,
// stderr tails and our own warning lines. Each rule keeps the shape (the name, the host, the
// scheme) and replaces only the secret, so a redacted record still tells what was configured.
import { isSecretGitKey, isSecretName, isSecretQueryName } from './names';

export const REDACTED = '***';

type Rule = [RegExp, (...groups: string[]) => string];

const quoted = (value: string) => (/^['"]/.test(value) ? `${value[0]}${REDACTED}${value[0]}` : REDACTED);

const RULES: Rule[] = [
  // git's header config: `http.extraheader=…`, `'http.<url>.extraheader'='…'` (GIT_CONFIG_PARAMETERS).
  [/(extraheader['"]?\s*=\s*)('(?:[^']|'\\'')*'|"(?:[^"\\]|\\.)*"|[^\r\n]*)/gi, (_m, head, value) => `${head}${quoted(value)}`],
  // Any other git config pair in GIT_CONFIG_PARAMETERS whose key names a secret.
  [/('([^'\s=]+)'\s*=\s*)('(?:[^']|'\\'')*')/g, (m, head, key, value) => (isSecretGitKey(key) ? `${head}${quoted(value)}` : m)],
  // Header text anywhere (`Authorization: Bearer …`): the scheme stays, the credential goes.
  [
    /\b((?:proxy-)?authorization|private-token|x-api-key|api-key|x-auth-token|x-access-token|(?:set-)?cookie)(\s*:\s*)(?:(basic|bearer|token|digest|negotiate|ntlm)\s+)?[^\r\n'"]+/gi,
    (_m, name, sep, scheme) => `${name}${sep}${scheme ? `${scheme} ` : ''}${REDACTED}`,
  ],
  // Link flags `-X name=value` (also `-X=name=value`, `-X 'name=value'`) whose name looks secret.
  [/(-{1,2}X(?:=|\s+)['"]?)([\w./-]+)=([^\s'"]*)/g, (m, head, name) => (isSecretName(name) ? `${head}${name}=${REDACTED}` : m)],
  // Flags named like secrets: `--password=…`, `-token …`.
  [/((?:^|[\s'"=])-{1,2})([A-Za-z][\w.-]*)(=|\s+)(?=[^\s-])([^\s'"]+)/g, (m, dash, name, sep) => (isSecretName(name) ? `${dash}${name}${sep}${REDACTED}` : m)],
  // Shell-style assignments of secret-looking variables: `GITHUB_TOKEN=…` in a command line.
  [/(^|[\s'";(])([A-Za-z_][A-Za-z0-9_]*)=([^\s'";)]+)/g, (m, lead, name) => (isSecretName(name) ? `${lead}${name}=${REDACTED}` : m)],
  // JSON members named like secrets: `"token": "…"`.
  [/("([\w.-]+)"\s*:\s*)"(?:[^"\\]|\\.)*"/g, (m, head, name) => (isSecretName(name) ? `${head}"${REDACTED}"` : m)],
  // URL user-info of any characters, up to the LAST '@' before the host (as Go's net/url reads it).
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#]*@/gi, (_m, scheme) => `${scheme}${REDACTED}@`],
  // Secret-looking query parameters: `?token=…`, `&api_key=…`, `&sig=…`.
  [/([?&;])([\w.[\]-]+)=([^&#?\s'",;|]*)/g, (m, sep, name, value) => (value && isSecretQueryName(name) ? `${sep}${name}=${REDACTED}` : m)],
];

/** The text with every secret the rules recognise replaced by `***`. Idempotent. */
export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replace] of RULES) out = out.replace(pattern, replace as (...args: string[]) => string);
  return out;
}
