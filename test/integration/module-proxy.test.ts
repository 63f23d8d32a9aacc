// The fixture proxy must be right before tests lean on it: the real go downloads from it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { simpleModule, startModuleProxy } from '../helpers/module-proxy';
import { runRealGo, tempDir, testEnv, writeModule } from '../helpers/shim';

test('the real go downloads and builds a module served by the loopback proxy', async () => {
  const proxy = await startModuleProxy([simpleModule('example.com/dep', 'v1.0.0'), simpleModule('example.com/dep', 'v1.1.0')]);
  try {
    const dir = tempDir();
    const mod = writeModule(path.join(dir, 'app'), {
      'go.mod': 'module example.com/app\n\ngo 1.19\n\nrequire example.com/dep v1.1.0\n',
      'main.go': 'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/dep"\n)\n\nfunc main() { fmt.Println(dep.Hello()) }\n',
    });
    const env = testEnv(dir, { GOPROXY: proxy.url, GOFLAGS: '-modcacherw -mod=mod' });
    const dl = await runRealGo(['mod', 'download', '-json', 'example.com/dep'], { cwd: mod, env });
    assert.equal(dl.code, 0, dl.stderr.toString());
    assert.equal(JSON.parse(dl.stdout.toString()).Version, 'v1.1.0');
    const out = await runRealGo(['run', '.'], { cwd: mod, env });
    assert.equal(out.stdout.toString(), 'hello from example.com/dep v1.1.0\n', out.stderr.toString());
    assert.ok(fs.existsSync(path.join(dir, 'modcache', 'cache', 'download', 'example.com', 'dep', '@v', 'v1.1.0.zip')));
    assert.ok(proxy.requests.includes('/example.com/dep/@v/v1.1.0.zip'));
  } finally {
    await proxy.close();
  }
});
