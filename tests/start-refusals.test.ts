import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { damageMiddleOfArticles, storeWithArticles } from './helpers/damage.js';
import { TEST_TOKEN } from './helpers/fixtures.js';
import { freePort, type StartedService, startService } from './helpers/service.js';

const services: StartedService[] = [];
const cleanups: Array<() => void> = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.stop()));
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'syndicard-refusal-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Makes a file or directory impossible to write, for root too (the tests may run as root, whom permission bits do
 * not stop): the immutable attribute, as a read-only mount would; plain permissions for anyone else.
 */
function makeReadOnly(path: string): void {
  if (process.getuid?.() === 0) {
    execFileSync('chattr', ['+i', path]);
    cleanups.push(() => execFileSync('chattr', ['-i', path]));
  } else {
    const mode = statSync(path).mode;
    chmodSync(path, statSync(path).isDirectory() ? 0o555 : 0o444);
    cleanups.push(() => chmodSync(path, mode));
  }
}

async function refused(env: Record<string, string>): Promise<string> {
  const service = startService({
    PORT: String(await freePort()),
    SYNDICARD_API_TOKENS: TEST_TOKEN,
    SYNDICARD_DEMO: '0',
    ...env,
  });
  services.push(service);
  expect(await service.exited).toBe(1);
  return service.output().stderr;
}

// Each start compiles the sources through tsx on a loaded machine: minutes of room, never a timing assertion.
describe('start-up refuses what it cannot serve from, saying which file and why', { timeout: 180_000 }, () => {
  it('a store with a damaged page in the middle', async () => {
    const dataDir = tempDir();
    const path = join(dataDir, 'syndicard.db');
    await storeWithArticles(path, 2000);
    damageMiddleOfArticles(path);
    const stderr = await refused({ SYNDICARD_DATA_DIR: dataDir });
    expect(stderr).toContain(`syndicard could not start: the article store ${path} is damaged (SQLite quick_check:`);
    // SQLite's own words follow: a page report, or "malformed" when the damage stops the walk itself.
    expect(stderr).toMatch(/quick_check: (\*\*\* in database main \*\*\*|.*Page \d+|database disk image is malformed)/);
    expect(stderr).toContain('restore it from a backup');
  });

  it('a read-only store file', async () => {
    const dataDir = tempDir();
    const path = join(dataDir, 'syndicard.db');
    await storeWithArticles(path, 3);
    makeReadOnly(path);
    const stderr = await refused({ SYNDICARD_DATA_DIR: dataDir });
    expect(stderr).toContain(`syndicard could not start: the article store ${path} cannot be used: it is read-only`);
    expect(stderr).toContain('must be writable by the user running it');
  });

  it('a data directory that cannot be created (under /proc), at once instead of spinning', async () => {
    const stderr = await refused({ SYNDICARD_DATA_DIR: '/proc/syndicard/data' });
    expect(stderr).toContain(
      'data directory /proc/syndicard/data (SYNDICARD_DATA_DIR) cannot be used: cannot create /proc/syndicard: ENOENT',
    );
  });

  it('a data directory that cannot be written', async () => {
    const dataDir = join(tempDir(), 'data');
    mkdirSync(dataDir);
    makeReadOnly(dataDir);
    const stderr = await refused({ SYNDICARD_DATA_DIR: dataDir });
    expect(stderr).toMatch(
      new RegExp(
        `data directory ${dataDir} \\(SYNDICARD_DATA_DIR\\) cannot be used: cannot write in it: (EPERM|EACCES)`,
      ),
    );
  });
});

describe('listening on every interface', () => {
  it.each(['0.0.0.0', '::'])('HOST=%s without SYNDICARD_BASE_URL stops start-up saying to set it', (host) => {
    expect(() => loadConfig({ HOST: host })).toThrow(
      `SYNDICARD_BASE_URL: must be set when HOST is ${host} (every interface): the public origin readers use`,
    );
    expect(loadConfig({ HOST: host, SYNDICARD_BASE_URL: 'https://feeds.example.com' }).baseUrl).toBe(
      'https://feeds.example.com',
    );
  });
});
