// GOPRIVATE / GONOSUMDB / GONOPROXY matching, as golang.org/x/mod/module.MatchPrefixPatterns:
// each comma-separated glob is matched against as many leading path elements as it has.

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) return /$^/; // malformed: matches nothing, as path.Match errors
      re += `[${glob
        .slice(i + 1, end)
        .replace(/^\^/, '^')
        .replace(/\\/g, '\\\\')}]`;
      i = end;
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export function matchesPrefixPatterns(patterns: string, modulePath: string): boolean {
  for (const raw of patterns.split(',')) {
    const glob = raw.trim().replace(/\/+$/, '');
    if (!glob) continue;
    const n = glob.split('/').length;
    const prefix = modulePath.split('/').slice(0, n).join('/');
    if (globToRegExp(glob).test(prefix)) return true;
  }
  return false;
}
