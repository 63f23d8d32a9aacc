// GOTOOLCHAIN=auto fetching a newer go before running anything (docs/causes.md: toolchain-download).
import type { Rule } from '../rule';

export const toolchainDownload: Rule = {
  cause: 'toolchain-download',
  diagnose(f) {
    const line = f.lastStderrLine ?? '';
    const m = /^go: downloading (go\d+(\.\d+)*\S*)/.exec(line);
    const inStack = f.inStack('cmd/go/internal/toolchain.');
    if (!m && !inStack) return null;
    const version = m?.[1] ?? 'a go toolchain';
    return {
      cause: 'toolchain-download',
      summary: `go is downloading ${version} (GOTOOLCHAIN=${f.setting('GOTOOLCHAIN') || 'auto'}) and it has not moved for ${f.idle}`,
      evidence: [...(m ? [`last line go printed: ${line}`] : []), ...(inStack ? ['goroutine stack is in cmd/go/internal/toolchain'] : [])],
      suggestions: [
        'GOTOOLCHAIN=local to use the installed go instead of downloading one',
        `or a GOPROXY that serves golang.org/toolchain (now: ${f.setting('GOPROXY') || 'https://proxy.golang.org,direct'})`,
      ],
    };
  },
};
