// `npm start` (its `prestart`) and the tests' global setup (tests/helpers/build-dist.ts): runs `npm run build` when
// dist/ is missing or older than what it is built from: a source file, a build script, a patch, package.json, the
// lock file (the CLI bundle holds its packages' code, patched satori included) or a tsconfig. `npm run build` writes
// dist/.built last, so a build that failed half-way is never taken for a finished one.
//
// Why not build on every start: the build first deletes dist/, and a `syndicard` command (or a render worker being
// forked) started meanwhile from the same checkout found neither dist/cli/main.cjs nor dist/cli/main.js; the tests
// saw exactly that when `npm start` ran beside the CLI tests. An up-to-date checkout now starts without compiling.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const INPUTS = [
  'src',
  'scripts',
  'patches',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'tsconfig.types.json',
];

function newest(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

const built = statSync(join(ROOT, 'dist', '.built'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
const sources = Math.max(...INPUTS.map((input) => newest(join(ROOT, input))));
if (built <= sources) {
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  process.exitCode = build.status ?? 1;
}
