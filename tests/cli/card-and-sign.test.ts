import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCardQuery } from '../../src/cards/index.js';
import { binaryParser, makeTestApp, putArticle, type TestApp } from '../helpers/app.js';
import { runSyndicard } from '../helpers/child-output.js';
import { makeArticle } from '../helpers/fixtures.js';
import { type ImageServer, startImageServer } from '../helpers/image-server.js';

const KEY = 'cli-signing-key-0123456789';
let dir: string;
let images: ImageServer;
let t: TestApp;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'syndicard-cli-card-'));
  images = await startImageServer();
  t = await makeTestApp({ env: { SYNDICARD_IMAGE_ALLOW: '127.0.0.1' } });
}, 60_000);
afterAll(async () => {
  await t?.close();
  await images?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Async spawn: the CLI fetches its photo from the fixture server running in this process. */
function syndicard(args: string[], env: Record<string, string> = {}) {
  return runSyndicard(args, {
    ...process.env,
    SYNDICARD_DATA_DIR: join(dir, 'data'),
    SYNDICARD_IMAGE_ALLOW: '127.0.0.1',
    ...env,
  });
}

// Each run starts the CLI and a renderer process: room for a loaded machine.
describe('syndicard card', { timeout: 120_000 }, () => {
  it('writes exactly the card the server serves for the same record', async () => {
    const seed = makeArticle();
    seed.image = { ...seed.image!, url: `${images.origin}/hero.jpg` };
    const file = join(dir, 'seed.json');
    writeFileSync(file, JSON.stringify(seed));
    const out = join(dir, 'card.jpg');
    // The test app uses the seed's site settings; the CLI reads the same file through SYNDICARD_SITE.
    const sitePath = fileURLToPath(new URL('../fixtures/articles/seed-site.json', import.meta.url));
    const run = await syndicard(['card', file, '-o', out], { SYNDICARD_SITE: sitePath });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/card\.jpg: 1200×630 JPEG, \d+ bytes, photo template/);

    await putArticle(t, seed);
    const served = await t.request.get(`/cards/${seed.id}.jpg`).buffer(true).parse(binaryParser);
    expect(readFileSync(out).equals(served.body as Buffer)).toBe(true);
  }, 90_000);

  it('refuses a --lang that is not a BCP 47 tag before rendering anything', async () => {
    const run = await syndicard(['card', join(dir, 'seed.json'), '-o', join(dir, 'x.png'), '--lang', 'he_IL']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--lang: must be a BCP 47 language tag');
  }, 60_000);

  it('says which output names it understands', async () => {
    const run = await syndicard(['card', join(dir, 'missing.json'), '-o', join(dir, 'card.gif')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/missing\.json|\.png or \.jpg/);
  });
});

describe('syndicard sign', { timeout: 60_000 }, () => {
  it('prints a URL the server accepts', async () => {
    const run = await syndicard(
      ['sign', '--headline', 'Signed “headline”', '--credit', 'Photo by Shutterstock', '--format', 'jpeg'],
      {
        SYNDICARD_SIGNING_KEYS: KEY,
        SYNDICARD_BASE_URL: 'https://cards.example.test',
      },
    );
    expect(run.status).toBe(0);
    const url = new URL(run.stdout.trim());
    expect(url.origin + url.pathname).toBe('https://cards.example.test/og.jpg');
    const query = { headline: url.searchParams.get('headline')!, credit: url.searchParams.get('credit')! };
    expect(query.headline).toBe('Signed “headline”');
    expect(verifyCardQuery(query, url.searchParams.get('sig')!, [KEY])).toBe(true);
  });

  it('signs the language given with --lang, and refuses one that is not a BCP 47 tag', async () => {
    const env = { SYNDICARD_SIGNING_KEYS: KEY, SYNDICARD_BASE_URL: 'https://cards.example.test' };
    const run = await syndicard(['sign', '--headline', 'שלום', '--lang', 'he'], env);
    expect(run.status).toBe(0);
    const url = new URL(run.stdout.trim());
    expect(url.searchParams.get('lang')).toBe('he');
    expect(verifyCardQuery({ headline: 'שלום', lang: 'he' }, url.searchParams.get('sig')!, [KEY])).toBe(true);
    expect(verifyCardQuery({ headline: 'שלום' }, url.searchParams.get('sig')!, [KEY])).toBe(false);
    const bad = await syndicard(['sign', '--headline', 'x', '--lang', 'zh_TW'], env);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--lang: must be a BCP 47 language tag');
  }, 90_000);

  it('refuses to sign without a key', async () => {
    const run = await syndicard(['sign', '--headline', 'x']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('SYNDICARD_SIGNING_KEYS');
  });
});
