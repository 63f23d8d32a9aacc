// A place where go's name lookups reach a DNS server that never answers, and nothing else:
// a fresh network namespace (only its own loopback; no route anywhere) with a private mount of
// /etc/resolv.conf naming 127.0.0.1. Made with `unshare --user --map-root-user --mount --net`,
// which needs no privileges where unprivileged user namespaces are allowed (Linux's default).
//
// Run as a script inside the namespace (see dnsSandbox):
//   node dns-sandbox.js RESOLV_CONF QUERY_LOG COMMAND [ARGS…]
// it brings loopback up, mounts RESOLV_CONF over /etc/resolv.conf, listens on 127.0.0.1:53 (UDP
// and TCP) without ever answering (each name asked is appended to QUERY_LOG), runs COMMAND with
// our stdio, and ends as COMMAND ended.
import { execFileSync, spawn } from 'node:child_process';
import * as dgram from 'node:dgram';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

export interface DnsSandbox {
  /** The argv that runs command inside a fresh sandbox. */
  wrap(command: readonly string[]): string[];
  /** Names asked of the silent DNS server so far (UDP). */
  queries(): string[];
}

/** A sandbox whose two files live in dir. */
export function dnsSandbox(dir: string): DnsSandbox {
  const resolvConf = path.join(dir, 'resolv.conf');
  const queryLog = path.join(dir, 'dns-queries.log');
  fs.writeFileSync(resolvConf, 'nameserver 127.0.0.1\n');
  fs.writeFileSync(queryLog, '');
  return {
    wrap: (command) => ['unshare', '--user', '--map-root-user', '--mount', '--net', process.execPath, __filename, resolvConf, queryLog, ...command],
    queries: () => fs.readFileSync(queryLog, 'utf8').split('\n').filter(Boolean),
  };
}

/** The name in a DNS query (RFC 1035 4.1.2), or null. */
function queriedName(message: Buffer): string | null {
  const labels: string[] = [];
  for (let at = 12; at < message.length && message[at] !== 0; at += 1 + message[at]) {
    labels.push(message.toString('latin1', at + 1, at + 1 + message[at]));
  }
  return labels.length > 0 ? labels.join('.') : null;
}

async function main(resolvConf: string, queryLog: string, command: string[]): Promise<void> {
  execFileSync('ip', ['link', 'set', 'lo', 'up']);
  execFileSync('mount', ['--bind', resolvConf, '/etc/resolv.conf']);
  const udp = dgram.createSocket('udp4');
  udp.on('message', (query) => fs.appendFileSync(queryLog, `${queriedName(query) ?? '?'}\n`));
  await new Promise<void>((resolve) => udp.bind(53, '127.0.0.1', resolve));
  const tcp = net.createServer(() => {}); // connections are accepted and left waiting
  await new Promise<void>((resolve) => tcp.listen(53, '127.0.0.1', resolve));
  const child = spawn(command[0], command.slice(1), { stdio: 'inherit' });
  for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT'] as const) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    }
    process.exit(code ?? 1);
  });
}

if (require.main === module) {
  const [resolvConf, queryLog, ...command] = process.argv.slice(2);
  if (!resolvConf || !queryLog || command.length === 0) {
    process.stderr.write(`usage: ${path.basename(__filename)} RESOLV_CONF QUERY_LOG COMMAND [ARGS…]\n`);
    process.exit(2);
  }
  main(resolvConf, queryLog, command).catch((err: Error) => {
    process.stderr.write(`dns-sandbox: ${err.message}\n`);
    process.exit(125);
  });
}
