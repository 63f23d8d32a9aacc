// A `GOPROXY=direct` fetch of example.test/repoXXXX whose git server the test gives, with no
// name ever resolved (used by test/integration/hang-vcs.test.ts and the wait-chain tests): go asks the loopback
// go-get proxy for the go-import tag, then git talks to the git server on 127.0.0.1 directly.

import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type GoGetProxy, startGoGetProxy } from './go-get-proxy';
import { appModule, hangEnv, runWatched, type WatchedRun } from './hang-run';
import type { Closable } from './misbehaving-servers';
import { tempDir } from './shim';

export interface DirectFetch {
  dir: string;
  importPath: string;
  gitUrl: string;
  proxy: GoGetProxy;
  env: NodeJS.ProcessEnv;
  run(): Promise<WatchedRun>;
}

export async function directFetch(git: Closable, extraEnv: (dir: string) => NodeJS.ProcessEnv = () => ({})): Promise<DirectFetch> {
  const importPath = `example.test/repo${randomUUID().slice(0, 8)}`;
  const gitUrl = `http://127.0.0.1:${git.port}/repo.git`;
  const proxy = await startGoGetProxy({ [importPath]: gitUrl });
  const dir = tempDir();
  const env = hangEnv(dir, {
    GOPROXY: 'direct',
    GOINSECURE: 'example.test',
    GOPRIVATE: 'example.test',
    HTTP_PROXY: proxy.url,
    HTTPS_PROXY: proxy.url,
    NO_PROXY: '127.0.0.1',
    ...extraEnv(dir),
  });
  return { dir, importPath, gitUrl, proxy, env, run: () => runWatched(['mod', 'download', `${importPath}@v1.0.0`], { cwd: appModule(dir), env }) };
}

/** An executable shell script at dir/name (a name that says nothing about what it is). */
export function script(dir: string, name: string, body: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}
