// `go env -json` of the real toolchain, bounded by a timeout (a GOTOOLCHAIN switch may
// try to download, and that is exactly what might be hanging).
import { execFile } from 'node:child_process';
import { redactEnvValue } from '../redact';

export interface GoEnvResult {
  values: Record<string, string> | null;
  error: string | null;
}

export function readGoEnv(realGo: string, env: NodeJS.ProcessEnv, cwd: string, timeoutMs: number): Promise<GoEnvResult> {
  return new Promise((resolve) => {
    execFile(realGo, ['env', '-json'], { env, cwd, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 1 << 20 }, (err, stdout) => {
      if (err) {
        const timedOut = (err as { killed?: boolean }).killed === true;
        resolve({
          values: null,
          error: timedOut ? `go env -json did not answer within ${timeoutMs} ms` : `go env -json failed: ${err.message.split('\n')[0]}`,
        });
        return;
      }
      try {
        const raw = JSON.parse(stdout) as Record<string, string>;
        const values: Record<string, string> = {};
        for (const [k, v] of Object.entries(raw)) values[k] = redactEnvValue(k, String(v), raw);
        resolve({ values, error: null });
      } catch {
        resolve({ values: null, error: 'go env -json printed something that is not JSON' });
      }
    });
  });
}
