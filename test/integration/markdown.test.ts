// `gomod-shim show ID --markdown` on a real hung run (a silent loopback GOPROXY), read back by a
// real CommonMark + GFM parser: the structure a bug tracker renders, the facts, no secret.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import MarkdownIt from 'markdown-it';
import { type ModuleProxy, startModuleProxy } from '../helpers/module-proxy';
import { hangThroughShim, type RealHang } from '../helpers/real-hang';
import { historyJson, runCli, runShim, tempDir, testEnv, writeModule } from '../helpers/shim';

const ROOT = tempDir('gomod-shim-markdown-');
const ENV = testEnv(path.join(ROOT, 'home'));
const APP = writeModule(path.join(ROOT, 'app'), { 'go.mod': 'module example.com/markdown/app\n\ngo 1.19\n' });
// Secrets the run carries in its environment: none may reach the report.
const SECRETS = ['hunter2pw', 'tok-secret-4242', 'proxypw99'];

const md = new MarkdownIt({ html: true });
let proxy: ModuleProxy;
let hang: RealHang;
let markdown: string;

async function cli(args: string[]): Promise<string> {
  const r = await runCli(args, { env: ENV });
  assert.equal(r.code, 0, r.stderr.toString());
  return r.stdout.toString();
}

before(async () => {
  proxy = await startModuleProxy([], { silent: true });
  // go never sends GOPROXY credentials over plain http, and never proxies loopback: these
  // proxy settings with passwords leave the run itself unchanged.
  const secrets = { HTTP_PROXY: 'http://alice:hunter2pw@127.0.0.1:9', HTTPS_PROXY: 'http://bob:proxypw99@127.0.0.1:9', GIT_TOKEN: 'tok-secret-4242' };
  hang = await hangThroughShim(APP, { ...ENV, GOPROXY: proxy.url, ...secrets });
  markdown = await cli(['show', String(hang.id), '--markdown']);
});

after(async () => {
  await proxy?.close();
});

test('headings: the command and cause, then diagnosis, wait chain, probe and goroutines (go printed nothing before it hung)', () => {
  const tokens = md.parse(markdown, {});
  const headings = tokens.flatMap((t, i) => (t.type === 'heading_open' ? [`${t.tag} ${tokens[i + 1].content}`] : []));
  assert.deepEqual(headings, [
    `h2 \`go mod download ${hang.module}@v1.0.0\` hung: proxy-unresponsive`,
    'h3 Diagnosis',
    'h3 Wait chain',
    'h3 Network probe',
    'h3 Goroutines that matter',
  ]);
  // go's own socket to the silent GOPROXY ends the chain (docs/causes.md).
  assert.match(
    markdown,
    /### Wait chain\n\n```+text\ngo \d+ — socket: ESTABLISHED to 127\.0\.0\.1:\d+, unacked \d+ B, unread 0 B \[peer 127\.0\.0\.1:\d+ \(proxy\); GOPROXY=/,
  );
});

test('tables: the facts (go version, command) and the probe of the silent proxy', () => {
  const tokens = md.parse(markdown, {});
  const tables: string[][][] = [];
  let row: string[] = [];
  for (const [i, t] of tokens.entries()) {
    if (t.type === 'table_open') tables.push([]);
    if (t.type === 'tr_open') row = [];
    if ((t.type === 'td_open' || t.type === 'th_open') && tokens[i + 1].type === 'inline') row.push(tokens[i + 1].content);
    if (t.type === 'tr_close') tables[tables.length - 1].push(row);
  }
  assert.equal(tables.length, 2);
  const facts = new Map(tables[0].slice(1).map(([k, v]) => [k.replace(/\*/g, ''), v]));
  assert.match(facts.get('go version')!, /^`go1\.\d+(\.\d+)? linux\/\w+`$/);
  assert.equal(facts.get('command'), `\`go mod download ${hang.module}@v1.0.0\``);
  assert.equal(facts.get('module'), '`example.com/markdown/app`');
  assert.match(facts.get('ended')!, /^go exited \d+ after gomod-shim's SIGQUIT .*; the shim exited 124$/);
  assert.deepEqual(tables[1][0], ['Target', 'Role', 'DNS', 'Connect', 'TLS', 'HTTP', 'Result']);
  const probe = tables[1].find((r) => r[0] === `\`127.0.0.1:${proxy.port}\``);
  assert.ok(probe, JSON.stringify(tables[1]));
  assert.equal(probe[1], 'proxy');
  assert.notEqual(probe[6], 'ok', 'the silent proxy failed its probe');
});

test('the summary, evidence and suggestions of the stored diagnosis are all there', async () => {
  const { snapshot } = JSON.parse(await cli(['show', String(hang.id), '--json'])) as {
    snapshot: { diagnosis: { summary: string; evidence: string[]; suggestions: string[] } };
  };
  const html = md.render(markdown);
  const asHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  for (const line of [snapshot.diagnosis.summary, ...snapshot.diagnosis.evidence, ...snapshot.diagnosis.suggestions])
    assert.ok(html.includes(asHtml(line)), line);
});

test('<details> blocks: go env, and the whole goroutine dump exactly as show --raw prints it', async () => {
  const tokens = md.parse(markdown, {});
  const html = tokens.filter((t) => t.type === 'html_block').map((t) => t.content);
  assert.equal(html.filter((h) => h.startsWith('<details>')).length, 2);
  assert.equal(html.filter((h) => h.trim() === '</details>').length, 2);
  assert.ok(html.some((h) => /<summary>go env \(secrets redacted\)<\/summary>/.test(h)));
  assert.ok(html.some((h) => /<summary>Full goroutine dump \(\d+ lines\)<\/summary>/.test(h)));
  const raw = await cli(['show', String(hang.id), '--raw']);
  const fences = tokens.filter((t) => t.type === 'fence').map((t) => t.content);
  assert.ok(fences.includes(raw.endsWith('\n') ? raw : `${raw}\n`), 'one code block is the whole dump');
  assert.ok(
    fences.some((f) => /^GOPROXY="http:\/\/127\.0\.0\.1:\d+"$/m.test(f) && /^GOMODCACHE=/m.test(f)),
    'go env',
  );
  assert.ok(
    fences.some((f) => /^HTTP_PROXY="http:\/\/\*\*\*@127\.0\.0\.1:9"$/m.test(f) && /^GIT_TOKEN="\*\*\*"$/m.test(f)),
    'the environment, secrets hidden',
  );
});

test('the goroutines that matter: cmd/go and net/http frames, runtime frames folded', () => {
  const tokens = md.parse(markdown, {});
  const at = tokens.findIndex((t, i) => t.type === 'heading_open' && tokens[i + 1].content === 'Goroutines that matter');
  const block = tokens.slice(at).find((t) => t.type === 'fence')!.content;
  assert.match(block, /^goroutine \d+ \[[^\]]+\]:$/m);
  assert.match(block, /^net\/http\.\(\*persistConn\)\.roundTrip$/m);
  assert.match(block, /^cmd\/go\/internal\//m);
  assert.match(block, /runtime frames? folded/);
  assert.doesNotMatch(block, /^runtime\.gopark$/m);
});

test('no secret reaches the report, nor the database', () => {
  for (const secret of SECRETS) {
    assert.ok(!markdown.includes(secret), `${secret} in the Markdown`);
    assert.ok(!fs.readFileSync(ENV.GOMODSHIM_DB!).includes(secret), `${secret} in the database`);
  }
  assert.match(markdown, /\*\*\*@127\.0\.0\.1/, 'the redaction marker is there instead');
});

test('a run that did not hang: a short report, no diagnosis; an unknown id: exit 1', async () => {
  const r = await runShim(['list', '-m'], { cwd: APP, env: ENV });
  assert.equal(r.code, 0, r.stderr.toString());
  const ok = (await historyJson(ENV)).find((h) => (h.argv as string[])[0] === 'list')!;
  const text = await cli(['show', String(ok.id), '--markdown']);
  const headings = md.parse(text, {}).filter((t) => t.type === 'heading_open');
  assert.equal(headings.length, 1);
  assert.match(text, /^## `go list -m`: run #\d+$/m);
  assert.match(text, /This run did not hang/);
  const both = await runCli(['show', String(ok.id), '--markdown', '--json'], { env: ENV });
  assert.equal(both.code, 2, 'one output form at a time');
  const missing = await runCli(['show', '999999', '--markdown'], { env: ENV });
  assert.equal(missing.code, 1);
  assert.equal(missing.stdout.length, 0);
});
