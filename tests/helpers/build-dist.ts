import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Vitest global setup: the tests that start the `syndicard` command run bin/syndicard.js as a user does, and it runs
 * the compiled dist/. `npm install` builds dist/ (the `prepare` script), and so does this, once, before any test,
 * when dist/ is older than its sources (scripts/build-if-stale.mjs, which `npm start` runs too): a test never runs
 * yesterday's compiled CLI against today's sources, and no test rebuilds dist/ while another runs it.
 */
const SCRIPT = fileURLToPath(new URL('../../scripts/build-if-stale.mjs', import.meta.url));

export default function buildDist(): void {
  const build = spawnSync(process.execPath, [SCRIPT], { encoding: 'utf8' });
  if (build.status !== 0) {
    throw new Error(
      `npm run build failed (exit ${build.status}); the CLI tests need dist/:\n${build.stdout}${build.stderr}`,
    );
  }
}
