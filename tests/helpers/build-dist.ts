import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Vitest global setup: the tests that start the `syndicard` command run bin/syndicard.js as a user does, and it runs
 * the compiled dist/. `npm install` builds dist/ (the `prepare` script), and so does this, once, before any test,
 * when a source file, package.json or a tsconfig is newer than the last build (dist/.built, which `npm run build`
 * writes last): a test never runs yesterday's compiled CLI against today's sources.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// The CLI bundle holds its packages' code (patched satori included): a changed lock file or patch rebuilds it too.
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

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

function builtAt(): number {
  try {
    return statSync(join(ROOT, 'dist', '.built')).mtimeMs;
  } catch {
    return 0;
  }
}

export default function buildDist(): void {
  const sources = Math.max(...INPUTS.map((input) => newest(join(ROOT, input))));
  if (builtAt() > sources) return;
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) {
    throw new Error(
      `npm run build failed (exit ${build.status}); the CLI tests need dist/:\n${build.stdout}${build.stderr}`,
    );
  }
}
