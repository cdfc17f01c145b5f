import { execFile } from 'node:child_process';
import { access, readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from './fixtures.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** What each figure was measured with; a peer that is not installed is `undefined` and shows as "skipped". */
export interface Versions {
  node: string;
  satori: string | undefined;
  'resvg-js': string | undefined;
  sharp: string | undefined;
  '@vercel/og': string | undefined;
  /** The satori and sharp that @vercel/og itself loads (its own copies). */
  'og satori': string | undefined;
  'og sharp': string | undefined;
  'og resvg-wasm': string | undefined;
  chromium: string | undefined;
  'playwright-core': string | undefined;
  autocannon: string | undefined;
  cpus: string;
}

export async function readVersions(cpus: string): Promise<Versions> {
  return {
    node: process.version,
    satori: await packageVersion('node_modules/satori'),
    'resvg-js': await packageVersion('node_modules/@resvg/resvg-js'),
    sharp: await packageVersion('node_modules/sharp'),
    '@vercel/og': await packageVersion('node_modules/@vercel/og'),
    'og satori': await packageVersion('node_modules/@vercel/og/node_modules/satori', 'node_modules/satori'),
    'og sharp': await packageVersion('node_modules/@vercel/og/node_modules/sharp', 'node_modules/sharp'),
    'og resvg-wasm': await packageVersion(
      'node_modules/@vercel/og/node_modules/@resvg/resvg-wasm',
      'node_modules/@resvg/resvg-wasm',
    ),
    chromium: await chromiumVersion(),
    'playwright-core': await packageVersion('node_modules/playwright-core'),
    autocannon: await packageVersion('node_modules/autocannon'),
    cpus,
  };
}

/** The version in the first of `dirs` (relative to the project) that holds a package.json. */
async function packageVersion(...dirs: string[]): Promise<string | undefined> {
  for (const dir of dirs) {
    try {
      const text = await readFile(`${PROJECT_ROOT}${dir}/package.json`, 'utf8');
      return (JSON.parse(text) as { version: string }).version;
    } catch {
      // Not installed at this path: try the next, else report the peer as absent.
    }
  }
  return undefined;
}

async function chromiumVersion(): Promise<string | undefined> {
  try {
    await access(CHROMIUM_PATH);
    const { stdout } = await promisify(execFile)(CHROMIUM_PATH, ['--version'], { timeout: 10_000 });
    return /(\d+\.\d+\.\d+\.\d+)/.exec(stdout)?.[1] ?? stdout.trim();
  } catch {
    return undefined;
  }
}
