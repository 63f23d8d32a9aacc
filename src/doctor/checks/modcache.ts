// The module cache: writable (go locks and extracts there), and how big it has grown.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Check } from '../check';

const DU_TIMEOUT_MS = 5000;

function sizeOf(dir: string): Promise<string | null> {
  return new Promise((resolve) =>
    execFile('du', ['-sk', dir], { timeout: DU_TIMEOUT_MS, killSignal: 'SIGKILL' }, (err, out) => {
      const kb = Number(out.split('\t')[0]);
      if (err || !Number.isFinite(kb)) return resolve(null);
      resolve(kb >= 1024 * 1024 ? `${(kb / 1024 / 1024).toFixed(1)} GiB` : `${Math.round(kb / 1024)} MiB`);
    }),
  );
}

export const modcacheCheck: Check = async (ctx) => {
  const dir = ctx.goEnv?.GOMODCACHE;
  if (!dir) return { name: 'module cache', status: 'fail', detail: 'go env does not name GOMODCACHE', fix: 'check go env' };
  if (!fs.existsSync(dir)) return { name: 'module cache', status: 'pass', detail: `${dir} (not created yet)` };
  const probe = path.join(dir, `.gomod-shim-doctor-${process.pid}`);
  try {
    fs.writeFileSync(probe, '');
    fs.unlinkSync(probe);
  } catch (err) {
    return {
      name: 'module cache',
      status: 'fail',
      detail: `${dir} is not writable: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      fix: `fix its permissions, or point GOMODCACHE at a writable local folder`,
    };
  }
  const size = await sizeOf(dir);
  return { name: 'module cache', status: 'pass', detail: `${dir}, writable${size ? `, ${size}` : ' (size unknown: du took too long)'}` };
};
