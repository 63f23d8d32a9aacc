// The GitHub Action (action.yml), run as a runner runs it: each step's `run` in bash with the
// step's env (inputs filled in), GITHUB_ACTION_PATH on a copy of this repository, and local
// GITHUB_PATH / GITHUB_ENV files; then a later step's shell, with those files applied, runs go
// through the shim and the run is recorded in the job's own database.
// The copy shares this checkout's node_modules, so setup.sh skips `npm ci` (the npm package
// test, test/integration/npm-package.slow.test.ts, covers a real install) but does build.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { type Action, type ActionStep, expandInputs, readAction } from '../helpers/action-yml';
import { copyRepository } from '../helpers/repo-copy';
import { PATH_WITHOUT_SHIM, REPO, type RunResult, run, tempDir, testEnv, writeModule } from '../helpers/shim';

const ROOT = tempDir('gomod-shim-action-');
const ACTION_DIR = path.join(ROOT, 'action');
const BUILD_TIMEOUT_MS = 300_000; // esbuild and tsc on a loaded 2-core machine

interface Job {
  dir: string;
  env: NodeJS.ProcessEnv;
  files: { path: string; env: string; output: string };
}

/** A fresh job: its own temp folder (RUNNER_TEMP), empty command files, HOME. */
function newJob(name: string): Job {
  const dir = path.join(ROOT, name);
  fs.mkdirSync(dir);
  const files = { path: path.join(dir, 'github_path'), env: path.join(dir, 'github_env'), output: path.join(dir, 'github_output') };
  for (const f of Object.values(files)) fs.writeFileSync(f, '');
  const env = testEnv(dir, {
    PATH: PATH_WITHOUT_SHIM,
    GOMODSHIM_DB: undefined,
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION_PATH: ACTION_DIR,
    GITHUB_PATH: files.path,
    GITHUB_ENV: files.env,
    GITHUB_OUTPUT: files.output,
    RUNNER_TEMP: path.join(dir, 'runner-temp'),
  });
  return { dir, env, files };
}

/** One step as a composite action's `shell: bash` runs it. */
function runStep(action: Action, step: ActionStep, job: Job, inputs: Record<string, string> = {}): Promise<RunResult> {
  assert.equal(step.shell, 'bash');
  const stepEnv = Object.fromEntries(Object.entries(step.env).map(([k, v]) => [k, expandInputs(v, action, inputs)]));
  return run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], {
    cwd: job.dir,
    env: { ...job.env, ...stepEnv },
    timeoutMs: BUILD_TIMEOUT_MS,
  });
}

/** The environment of the steps after: GITHUB_ENV's lines exported, GITHUB_PATH's prepended (last first). */
function laterStepEnv(job: Job): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...job.env };
  for (const line of fs.readFileSync(job.files.env, 'utf8').split('\n').filter(Boolean)) {
    const at = line.indexOf('=');
    assert.ok(at > 0, `GITHUB_ENV line NAME=VALUE: ${line}`);
    env[line.slice(0, at)] = line.slice(at + 1);
  }
  const added = fs.readFileSync(job.files.path, 'utf8').split('\n').filter(Boolean).reverse();
  env.PATH = [...added, env.PATH].join(':');
  return env;
}

let action: Action;
let setupOutput = '';

before(
  async () => {
    action = readAction(path.join(REPO, 'action.yml'));
    copyRepository(ACTION_DIR, 'link');
    const r = await runStep(action, action.steps[0], newJob('setup'));
    setupOutput = r.stdout.toString() + r.stderr.toString();
    assert.equal(r.code, 0, setupOutput);
  },
  { timeout: BUILD_TIMEOUT_MS },
);

describe('the GitHub Action', { concurrency: true, timeout: BUILD_TIMEOUT_MS }, () => {
  test('action.yml: a composite action whose steps run exactly scripts/action/setup.sh and configure.sh, inputs passed as INPUT_*', () => {
    assert.deepEqual(
      action.steps.map((s) => [s.shell, s.run]),
      [
        ['bash', '"$GITHUB_ACTION_PATH/scripts/action/setup.sh"'],
        ['bash', '"$GITHUB_ACTION_PATH/scripts/action/configure.sh"'],
      ],
    );
    assert.deepEqual(Object.keys(action.inputs), ['hang-after', 'on-hang', 'watch']);
    assert.deepEqual(action.steps[1].env, {
      INPUT_HANG_AFTER: '${{ inputs.hang-after }}',
      INPUT_ON_HANG: '${{ inputs.on-hang }}',
      INPUT_WATCH: '${{ inputs.watch }}',
    });
    for (const script of ['setup.sh', 'configure.sh'])
      assert.ok(fs.statSync(path.join(REPO, 'scripts/action', script)).mode & 0o100, `${script} is executable`);
    assert.match(setupOutput, /dependencies already installed/);
    assert.ok(fs.existsSync(path.join(ACTION_DIR, 'dist', 'cli.js')), 'setup built gomod-shim');
  });

  test('after the action, a later step runs go through the shim, with the inputs in force and the run recorded in the job database', async () => {
    const job = newJob('use');
    const r = await runStep(action, action.steps[1], job, { 'hang-after': '45s', 'on-hang': 'observe' });
    assert.equal(r.code, 0, r.stdout.toString() + r.stderr.toString());
    const db = path.join(job.env.RUNNER_TEMP!, 'gomod-shim', 'history.db');
    assert.deepEqual(fs.readFileSync(job.files.env, 'utf8').split('\n'), ['GOMODSHIM_HANG_AFTER=45s', 'GOMODSHIM_ON_HANG=observe', `GOMODSHIM_DB=${db}`, '']);
    assert.equal(fs.readFileSync(job.files.path, 'utf8'), `${ACTION_DIR}/shim\n`);
    assert.equal(fs.readFileSync(job.files.output, 'utf8'), `db=${db}\n`);

    const app = writeModule(path.join(job.dir, 'app'), { 'go.mod': 'module example.com/action/app\n\ngo 1.19\n' });
    const env = laterStepEnv(job);
    const later = await run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', 'command -v go; go list -m; :'], { cwd: app, env });
    assert.equal(later.code, 0, later.stderr.toString());
    assert.deepEqual(later.stdout.toString().split('\n'), [`${ACTION_DIR}/shim/go`, 'example.com/action/app', '']);

    const cfg = await run(path.join(ACTION_DIR, 'shim', 'gomod-shim'), ['config', '--json'], { env });
    const settings = JSON.stringify(JSON.parse(cfg.stdout.toString()));
    assert.match(settings, /"hang_after".*"45s"/, settings);
    const history = await run(path.join(ACTION_DIR, 'shim', 'gomod-shim'), ['history', '--all', '--json'], { env });
    const runs = JSON.parse(history.stdout.toString()) as { argv: string[]; caller: string; exit_code: number }[];
    assert.deepEqual(
      runs.map((x) => [x.argv, x.caller, x.exit_code]),
      [[['list', '-m'], 'bash', 0]],
    );
    assert.ok(fs.existsSync(db), 'the job database is in RUNNER_TEMP');
  });

  test('an input gomod-shim would not accept fails the step with one annotation and writes nothing', async () => {
    for (const [inputs, message] of [
      [
        { 'hang-after': 'soon' },
        '::error title=gomod-shim::GOMODSHIM_HANG_AFTER=soon is not a positive Go duration (like 45s or 2m) or auto, nor a list like mod=45s,90s',
      ],
      [{ 'on-hang': 'panic' }, '::error title=gomod-shim::GOMODSHIM_ON_HANG=panic is not dump or observe'],
      [{ 'hang-after': '45s\nGOFLAGS=-insecure' }, '::error title=gomod-shim::the input hang-after holds a line break'],
    ] as const) {
      const job = newJob(`bad-${Object.keys(inputs)[0]}-${Math.random().toString(36).slice(2, 8)}`);
      const r = await runStep(action, action.steps[1], job, inputs);
      assert.notEqual(r.code, 0, JSON.stringify(inputs));
      assert.deepEqual(
        r.stdout
          .toString()
          .split('\n')
          .filter((l) => l.startsWith('::')),
        [message],
      );
      assert.deepEqual([fs.readFileSync(job.files.env, 'utf8'), fs.readFileSync(job.files.path, 'utf8')], ['', ''], 'nothing written');
    }
  });
});
