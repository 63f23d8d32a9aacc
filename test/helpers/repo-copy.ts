// A copy of this repository as a fresh checkout has it (tracked and new files; no build, no
// .git), for tests that build, pack or install it without touching the checkout the suite runs
// from. Its node_modules comes from this checkout's install, without a network:
// - 'link': one symlink to it (enough to build);
// - 'runtime': the runtime dependencies and everything they need copied in as real folders (npm
//   bundles only real folders into a tarball), the build tools linked.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO } from './shim';

const NODE_MODULES = path.join(REPO, 'node_modules');

function copyFiles(to: string): void {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f && f !== 'node_modules' && fs.existsSync(path.join(REPO, f)));
  for (const file of files) {
    const from = path.join(REPO, file);
    fs.mkdirSync(path.dirname(path.join(to, file)), { recursive: true });
    fs.copyFileSync(from, path.join(to, file));
    fs.chmodSync(path.join(to, file), fs.statSync(from).mode);
  }
}

/** The installed packages that `names` need at run time (their dependencies, transitively). */
function runtimeClosure(names: string[]): Set<string> {
  const need = new Set<string>();
  const queue = [...names];
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    if (need.has(name)) continue;
    need.add(name);
    const pkg = JSON.parse(fs.readFileSync(path.join(NODE_MODULES, name, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    queue.push(...Object.keys(pkg.dependencies ?? {}));
    queue.push(...Object.keys(pkg.optionalDependencies ?? {}).filter((d) => fs.existsSync(path.join(NODE_MODULES, d))));
  }
  return need;
}

export function copyRepository(to: string, nodeModules: 'link' | 'runtime'): void {
  copyFiles(to);
  const real = fs.realpathSync(NODE_MODULES);
  if (nodeModules === 'link') {
    fs.symlinkSync(real, path.join(to, 'node_modules'));
    return;
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(to, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const copied = runtimeClosure(Object.keys(pkg.dependencies ?? {}));
  const dir = path.join(to, 'node_modules');
  fs.mkdirSync(dir);
  const place = (entry: string) => {
    if (copied.has(entry)) fs.cpSync(path.join(real, entry), path.join(dir, entry), { recursive: true, verbatimSymlinks: true });
    else if (entry.startsWith('@') && [...copied].some((c) => c.startsWith(`${entry}/`))) {
      fs.mkdirSync(path.join(dir, entry));
      for (const scoped of fs.readdirSync(path.join(real, entry))) place(`${entry}/${scoped}`);
    } else fs.symlinkSync(path.join(real, entry), path.join(dir, entry));
  };
  // .package-lock.json describes the shared install, not this one.
  for (const entry of fs.readdirSync(real)) if (entry !== '.package-lock.json') place(entry);
}
