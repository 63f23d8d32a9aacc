// Who called go: the shim records the program that ran `go` (bash, sh, an editor's gopls) with
// each run; `history` shows it in a CALLER column and filters on it, `show` names it, and the
// table's COMMAND column is cut to the output's width.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { historyJson, run, runCli, tempDir, testEnv, writeModule } from '../helpers/shim';

const ROOT = tempDir('gomod-shim-caller-');
const ENV = testEnv(ROOT);
const APP = writeModule(path.join(ROOT, 'app'), { 'go.mod': 'module example.com/caller/app\n\ngo 1.19\n' });
// A long command, like gopls's `go list -modfile=/tmp/go.….mod -json=…` runs.
const LONG_TEMPLATE = `{{.Path}}{{/* ${'padding '.repeat(12)}*/}}`;

type Item = { id: number; argv: string[]; caller: string | null };
const byArgs: Record<string, Item> = {};

async function cli(args: string[], env: NodeJS.ProcessEnv = ENV): Promise<string> {
  const r = await runCli(args, { env });
  assert.equal(r.code, 0, `gomod-shim ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.toString();
}

before(async () => {
  // A command after go keeps each shell from exec'ing go in its own place.
  for (const [shell, goArgs] of [
    ['bash', `go list -m`],
    ['sh', `go list -m -json`],
    ['bash', `go list -m -f '${LONG_TEMPLATE}'`],
  ]) {
    const r = await run(shell, ['-c', `${goArgs}; :`], { cwd: APP, env: ENV });
    assert.equal(r.code, 0, r.stderr.toString());
  }
  for (const item of (await historyJson(ENV)) as unknown as Item[]) byArgs[item.argv.join(' ')] = item;
});

describe('who called go', { concurrency: true }, () => {
  test('each run records the program that ran go', () => {
    assert.deepEqual(
      Object.entries(byArgs)
        .map(([args, item]) => [args, item.caller])
        .sort(),
      [
        ['list -m', 'bash'],
        [`list -m -f ${LONG_TEMPLATE}`, 'bash'],
        ['list -m -json', 'sh'],
      ].sort(),
    );
  });

  test('history --caller keeps the runs of that program', async () => {
    const only = (caller: string) =>
      cli(['history', '--all', '--json', '--caller', caller]).then((t) => (JSON.parse(t) as Item[]).map((i) => i.argv.join(' ')));
    assert.deepEqual(await only('sh'), ['list -m -json']);
    assert.deepEqual((await only('bash')).sort(), ['list -m', `list -m -f ${LONG_TEMPLATE}`]);
    assert.deepEqual(await only('gopls'), []);
    const r = await runCli(['history', '--caller', ''], { env: ENV });
    assert.deepEqual([r.code, r.stderr.toString().split('\n').length, r.stdout.length], [2, 2, 0], `one line and exit 2: ${r.stderr}`);
  });

  test('show names the caller', async () => {
    assert.match(await cli(['show', String(byArgs['list -m -json'].id)]), /^caller +sh$/m);
  });

  test('the table has a CALLER column; COLUMNS=100 cuts COMMAND to fit, a pipe without it gets whole lines', async () => {
    const whole = await cli(['history', '--all']);
    assert.match(whole.split('\n')[0], /\bCALLER\b/);
    assert.ok(whole.includes(LONG_TEMPLATE), whole);
    const cut = await cli(['history', '--all'], { ...ENV, COLUMNS: '100' });
    const lines = cut.replace(/\n$/, '').split('\n');
    assert.equal(lines.length, 4, cut);
    for (const line of lines) assert.ok([...line].length <= 100, `fits in 100 columns: ${line}`);
    const longLine = lines.find((l) => l.includes('-f '));
    assert.ok(longLine?.endsWith('…') && / bash +example\.com\/caller\/app +go list -m -f /.test(longLine), cut);
  });
});
