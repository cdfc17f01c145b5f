import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectOutput } from '../helpers/child-output.js';
import { makeArticle } from '../helpers/fixtures.js';
import { freePort } from '../helpers/service.js';

/**
 * The `syndicard` command as a user starts it: node runs bin/syndicard.js, which runs the compiled CLI in dist/ (built
 * by `npm install`, and by this suite's global setup when the sources are newer). A module hook passed with --import
 * writes down every module the process resolves or requires, so the tests can say that no TypeScript and no tsx is
 * loaded.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin/syndicard.js');
let dir: string;
let hook: string;
let loaded: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'syndicard-compiled-cli-'));
  loaded = join(dir, 'loaded.txt');
  writeFileSync(
    join(dir, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(${JSON.stringify(loaded)}, result.url + '\\n');
  return result;
}
`,
  );
  hook = join(dir, 'register.mjs');
  writeFileSync(
    hook,
    `import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';
register(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});
// CommonJS modules bypass the hook: write down every one required too (require.cache, shared by all requires).
const cache = createRequire(import.meta.url).cache;
process.on('exit', () => {
  for (const file of Object.keys(cache)) appendFileSync(${JSON.stringify(loaded)}, pathToFileURL(file).href + '\\n');
});
`,
  );
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function syndicard(args: string[], env: Record<string, string> = {}, nodeArgs: string[] = []) {
  const child = spawn(process.execPath, [...nodeArgs, BIN, ...args], {
    cwd: dir,
    // Only what a user's shell would pass: nothing of the test runner's (no NODE_OPTIONS, no tsx).
    env: { PATH: process.env.PATH ?? '', HOME: dir, SYNDICARD_DATA_DIR: join(dir, 'data'), ...env },
  });
  return collectOutput(child);
}

describe('the compiled syndicard command', { timeout: 120_000 }, () => {
  it('prints its version, the one in package.json', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const run = await syndicard([flag]).done;
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(`${version}\n`);
    }
  });

  it('writes a valid 1200×630 PNG card, loading only compiled JavaScript (no TypeScript, no tsx)', async () => {
    const record = join(dir, 'article.json');
    writeFileSync(record, JSON.stringify(makeArticle({ id: 'compiled-cli', image: undefined })));
    const out = join(dir, 'card.png');
    rmSync(loaded, { force: true });
    const run = await syndicard(['card', record, '-o', out], {}, ['--import', hook]).done;
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/card\.png: 1200×630 PNG, \d+ bytes, plain template/);
    const png = PNG.sync.read(readFileSync(out));
    expect([png.width, png.height]).toEqual([1200, 630]);
    // Not a blank image: the headline is drawn in a colour other than the background's.
    const colours = new Set<number>();
    for (let i = 0; i < png.data.length; i += 4 * 997) colours.add(png.data.readUInt32BE(i));
    expect(colours.size).toBeGreaterThan(2);

    const modules = readFileSync(loaded, 'utf8').trim().split('\n');
    expect(modules).toContain(pathToFileURL(BIN).href);
    expect(modules.filter((url) => url.endsWith('.ts') || url.includes('/node_modules/tsx/'))).toEqual([]);
    // The command is bundled (scripts/bundle-cli.mjs): zod, satori, sharp's JavaScript and the card stages come from
    // dist/cli/main.cjs, which bin/syndicard.js compiles itself, not module by module from node_modules and dist/
    // (hundreds of files each cold start; tsc's dist/cli/main.js is only the fallback); warnings are plain lines,
    // without pino. What is loaded from node_modules is native: resvg's binding.
    expect(modules).not.toContain(pathToFileURL(join(ROOT, 'dist/cli/main.js')).href);
    expect(modules.some((url) => url.includes('/node_modules/@resvg/'))).toBe(true);
    expect(modules.filter((url) => /\/node_modules\/(zod|satori|sharp|commander|pino)\//.test(url))).toEqual([]);
    expect(modules.filter((url) => url.includes('/dist/cards/'))).toEqual([]);
  });

  it("has the fallback fonts' digests from the build, each the SHA-256 of its font file as it is now", () => {
    // fonts.ts trusts an entry while the file's size, mtime and inode are its key: check the build wrote true ones.
    const built = JSON.parse(readFileSync(join(ROOT, 'dist/cards/fonts/fallback-digests.json'), 'utf8')) as Record<
      string,
      { key: string; digest: string; bytes: number }
    >;
    const manifest = JSON.parse(readFileSync(join(ROOT, 'fonts/fonts.json'), 'utf8')) as {
      fallbacks: { faces: unknown[] }[];
    };
    expect(Object.keys(built)).toHaveLength(manifest.fallbacks.flatMap((font) => font.faces).length);
    for (const [path, entry] of Object.entries(built)) {
      const info = statSync(path);
      expect(entry.key, path).toBe(`${info.size}:${info.mtimeMs}:${info.ino}`);
      expect(entry.digest, path).toBe(createHash('sha256').update(readFileSync(path)).digest('base64url'));
    }
  });

  it('is bundled as pure ASCII, so V8 keeps its source as a one-byte string (scripts/bundle-cli.mjs)', () => {
    // esbuild escapes non-ASCII in strings but writes regular expression literals as they are: such characters in
    // src/ must be \u escapes (text/language.ts), or the whole 3.6 MB source is decoded and cached as UTF-16.
    const bundle = readFileSync(join(ROOT, 'dist/cli/main.cjs'));
    const at = bundle.findIndex((byte) => byte > 0x7f);
    expect(at < 0 ? undefined : bundle.subarray(Math.max(0, at - 60), at + 20).toString()).toBeUndefined();
  });

  it('serves as `npm start` does: answers /healthz on the configured port and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const service = syndicard(['serve'], { PORT: String(port), HOST: '127.0.0.1', SYNDICARD_DEMO: '0' });
    for (let i = 0; i < 600 && !service.stdout().includes('listening on'); i++) {
      if (service.child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(service.stdout()).toContain(`syndicard listening on http://127.0.0.1:${port}`);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    service.child.kill('SIGTERM');
    const run = await service.done;
    expect(run.signal).toBeNull();
    expect(run.status).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it('is not rebuilt by `npm start` when it is newer than its sources (scripts/build-if-stale.mjs)', () => {
    // A rebuild deletes dist/ first: a command or render worker started meanwhile would find no CLI to run.
    const built = join(ROOT, 'dist/.built');
    const before = { mtime: statSync(built).mtimeMs, bundle: statSync(join(ROOT, 'dist/cli/main.cjs')).ino };
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts/build-if-stale.mjs')], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout + run.stderr).toBe('');
    expect({ mtime: statSync(built).mtimeMs, bundle: statSync(join(ROOT, 'dist/cli/main.cjs')).ino }).toEqual(before);
  });
});
