// GOSUMDB as cmd/go reads it (https://go.dev/ref/mod#authenticating):
// "off" | "sum.golang.org" | "name+key" | "name+key URL".

export interface SumdbConfig {
  name: string; // "sum.golang.org": also the path under a proxy's /sumdb/
  url: URL; // where go reaches the database directly
  /** An explicit URL in GOSUMDB: go then bypasses the proxies' /sumdb/ endpoint. */
  explicitUrl: boolean;
}

/** The checksum database go would use, or null when it uses none (off, or a value go rejects). */
export function parseGosumdb(gosumdb: string): SumdbConfig | null {
  let value = gosumdb.trim() || 'sum.golang.org';
  if (value === 'off') return null;
  // cmd/go's one built-in alias.
  if (value === 'sum.golang.google.cn') value = 'sum.golang.org https://sum.golang.google.cn';
  const fields = value.split(/\s+/);
  if (fields.length > 2) return null;
  const name = fields[0].split('+')[0];
  if (name === '') return null;
  try {
    if (fields.length === 2) {
      const url = new URL(fields[1]);
      return url.protocol === 'http:' || url.protocol === 'https:' ? { name, url, explicitUrl: true } : null;
    }
    return { name, url: new URL(`https://${name}`), explicitUrl: false };
  } catch {
    return null;
  }
}
