// `gomod-shim demo`: a real hang, on loopback, end to end. A GOPROXY that accepts connections and
// never answers; a real `go mod download` through the shim with a short limit; then the record.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseGoDuration } from '../duration';
import { packageRoot } from '../paths';
import { type Command, CommandError, UsageError } from './command';
import { show } from './show';

const GIVE_UP_AFTER_MS = 60_000;

/** Accepts, reads, never answers: the most common hang (docs/causes.md: proxy-unresponsive). */
async function startSilentProxy(): Promise<{ port: number; close(): void }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('data', () => {});
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

export const demo: Command = {
  name: 'demo',
  summary: 'a real go mod download hanging on a loopback proxy, caught and explained',
  usage: 'gomod-shim demo [--hang-after 3s]',
  flags: { string: ['hang-after'] },
  async run(args, ctx) {
    const hangAfter = args['hang-after'] === undefined ? '3s' : String(args['hang-after']);
    if (parseGoDuration(hangAfter) === null) throw new UsageError(`--hang-after takes a Go duration like 3s, not ${hangAfter}`);
    const proxy = await startSilentProxy();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gomod-shim-demo-'));
    try {
      fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/demo\n\ngo 1.19\n\nrequire example.com/slow-dependency v1.0.0\n');
      const proxyUrl = `http://127.0.0.1:${proxy.port}`;
      const out = ctx.stdout;
      out.write(`A GOPROXY on ${proxyUrl} accepts connections and never answers.\n`);
      out.write(`Running \`go mod download\` through the shim, hang limit ${hangAfter} (go itself would wait forever)…\n\n`);
      const { code, stderr } = await runShimGo(['mod', 'download'], dir, {
        ...ctx.env,
        GOPROXY: proxyUrl,
        GOSUMDB: 'off',
        GOMODCACHE: path.join(dir, 'modcache'),
        GOFLAGS: '-modcacherw',
        GOTOOLCHAIN: 'local',
        GOMODSHIM_HANG_AFTER: hangAfter,
        GOMODSHIM_PROBE_TIMEOUT: '1s',
        GOMODSHIM_ON_HANG: 'dump',
        GOMODSHIM_WATCH: 'mod',
        GOMODSHIM_DISABLE: '',
      });
      const ours = stderr.split('\n').filter((l) => l.startsWith('gomod-shim: '));
      const dumpLines = stderr.split('\n').length - ours.length;
      out.write(`${ours.join('\n')}\n`);
      out.write(`go exited; the shim exited ${code} (as timeout(1) does). go's goroutine dump (${dumpLines} lines on stderr) is in the record.\n`);
      const saved = /saved as #(\d+)/.exec(stderr);
      if (code !== 124 || !saved) throw new CommandError(`the demo did not end as expected (exit ${code}); stderr was:\n${stderr.slice(-2000)}`);
      out.write(`\n$ gomod-shim show ${saved[1]}\n`);
      return show.run({ _: ['show', saved[1]], $0: 'gomod-shim' }, ctx);
    } finally {
      proxy.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

function runShimGo(goArgs: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(packageRoot(), 'shim', 'go'), goArgs, { cwd, env, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), GIVE_UP_AFTER_MS);
    child.on('error', reject);
    child.on('close', (code) => (clearTimeout(timer), resolve({ code, stderr })));
  });
}
