// Secrets never reach the database or our terminal output (CONTRACT.md, "Snapshot").
export const REDACTED = '***';

// scheme://user:password@host → scheme://***@host; a bare token user (https://TOKEN@host) too.
// The user-info runs to the LAST '@' before the host, as Go's net/url reads it, so a password
// holding an unescaped '@' is hidden whole.
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#'"]*@/gi;

/** Replaces the user-info part of every URL in a text. */
export function redactUrls(text: string): string {
  return text.replace(URL_USERINFO, `$1${REDACTED}@`);
}

const SECRET_NAME = /(TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|CREDENTIAL|API_?KEY|PRIVATE_KEY|ACCESS_KEY|AUTH)/i;

/** An environment value with its secrets replaced: whole values for secret-looking names. */
export function redactEnvValue(name: string, value: string): string {
  if (SECRET_NAME.test(name) && value !== '') return REDACTED;
  return redactUrls(value);
}

export function redactArgv(argv: readonly string[]): string[] {
  return argv.map(redactUrls);
}
