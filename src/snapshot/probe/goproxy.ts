// GOPROXY as cmd/go reads it (https://go.dev/ref/mod#goproxy-protocol): a list separated by
// "," (fall back on 404/410) or "|" (fall back on any error).

export const DEFAULT_GOPROXY = 'https://proxy.golang.org,direct';

export type GoproxyEntry = { kind: 'direct' } | { kind: 'off' } | { kind: 'proxy'; url: URL };

/**
 * The network-relevant entries in order. file:// proxies and anything go itself would reject
 * are left out: they open no socket.
 */
export function goproxyEntries(goproxy: string): GoproxyEntry[] {
  const entries: GoproxyEntry[] = [];
  for (const raw of (goproxy.trim() || DEFAULT_GOPROXY).split(/[,|]/)) {
    const entry = raw.trim();
    if (entry === 'direct' || entry === 'off') entries.push({ kind: entry });
    else if (entry !== '') {
      const url = proxyUrl(entry);
      if (url) entries.push({ kind: 'proxy', url });
    }
  }
  return entries;
}

// cmd/go adds "https://" to entries with a dot, colon or slash that are neither URLs nor paths.
function proxyUrl(entry: string): URL | null {
  const text = /[.:/]/.test(entry) && !entry.includes(':/') && !entry.startsWith('/') ? `https://${entry}` : entry;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** Proxies go asks before it reaches the first "direct" or "off" (where it stops asking proxies). */
export function proxiesBeforeDirect(entries: GoproxyEntry[]): URL[] {
  const stop = entries.findIndex((e) => e.kind !== 'proxy');
  return (stop === -1 ? entries : entries.slice(0, stop)).flatMap((e) => (e.kind === 'proxy' ? [e.url] : []));
}
