// Which names hold secrets: environment variables, flags, query parameters, -X link names, JSON keys.
// A name is cut into words (at `_`, `-`, `.`, `/` and camelCase humps), so `GOPROXY_PASS`,
// `main.apiKey` and `dbPassword` are caught while `PATH`, `GOPATH` and `PWD` are not.

/** Words that mark a secret wherever they appear inside a word (PASS in SSHPASS, KEY in APIKEY). */
const SECRET_PARTS = ['TOKEN', 'SECRET', 'PASS', 'CREDENTIAL', 'AUTH', 'KEY', 'COOKIE', 'PRIVATE_KEY'];
/** Words that are secrets only alone: PAT (a personal access token) but not PATH, PW but not PWD. */
const SECRET_WORDS = new Set(['PAT', 'PW', 'SIG', 'SIGNATURE', 'JWT', 'OTP', 'BEARER']);
/** Words that contain a secret part but name something else. */
const HARMLESS_WORDS = new Set(['ASKPASS', 'AUTHOR', 'AUTHORS', 'BYPASS', 'PASSTHROUGH', 'KEYBOARD', 'MONKEY']);
/** Whole names that look secret but hold none: a socket path, a config key's name (its value is paired). */
const HARMLESS_NAMES = [/^SSH_AUTH_SOCK$/i, /^GIT_CONFIG_KEY_\d+$/i, /^GIT_CONFIG_COUNT$/i];

export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);
}

export function isSecretName(name: string): boolean {
  if (HARMLESS_NAMES.some((re) => re.test(name))) return false;
  return nameWords(name).some((word) => !HARMLESS_WORDS.has(word) && (SECRET_WORDS.has(word) || SECRET_PARTS.some((part) => word.includes(part))));
}

/** Query parameters that carry credentials (`?token=`, `&sig=`, `?auth_code=`), beyond secret-looking names. */
export function isSecretQueryName(name: string): boolean {
  return isSecretName(name) || /^(sig|signature|pwd|auth.*|code|session.*|x-amz-.*)$/i.test(name);
}

/** Git config keys whose value is a credential: header values, and anything named like a secret. */
export function isSecretGitKey(key: string): boolean {
  return /extraheader/i.test(key) || isSecretName(key);
}
