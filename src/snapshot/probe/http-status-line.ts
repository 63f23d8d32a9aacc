// Reading just enough of an HTTP answer to know the server answered: its status line.

/** The most the probe reads before deciding the answer is not HTTP. */
export const MAX_HEAD_BYTES = 4096;

/** The status code, 'incomplete' (read more), or 'not-http'. */
export function parseStatusLine(head: string): number | 'incomplete' | 'not-http' {
  const prefix = head.slice(0, 5);
  if (!'HTTP/'.startsWith(prefix)) return 'not-http';
  const end = head.indexOf('\n');
  if (end === -1) return head.length >= MAX_HEAD_BYTES ? 'not-http' : 'incomplete';
  const m = /^HTTP\/\d(?:\.\d)? (\d{3})(?: |\r?$)/.exec(head.slice(0, end));
  return m ? Number(m[1]) : 'not-http';
}

/** The request the probe sends: no credentials, no cookies, nothing kept alive. */
export function probeRequest(url: URL, viaProxy = false): string {
  // Through an HTTP proxy, a plain-http request names the whole URL (RFC 9112 absolute-form).
  const target = viaProxy ? `${url.protocol}//${url.host}${url.pathname || '/'}` : url.pathname || '/';
  return [`GET ${target} HTTP/1.1`, `Host: ${url.host}`, 'User-Agent: gomod-shim-probe', 'Accept: */*', 'Connection: close', '', ''].join('\r\n');
}
