import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCardUrl } from '../../src/cards/index.js';
import { binaryParser, makeTestApp, putArticle, type TestApp } from '../helpers/app.js';
import { makeArticle } from '../helpers/fixtures.js';
import { type ImageServer, startImageServer } from '../helpers/image-server.js';

/**
 * The photo server (127.0.0.1, allow-listed) loses the photo, then has it again. While the card can only be drawn
 * without it, nothing that a scraper or CDN would keep may say otherwise: the versioned og:image URL answers 503
 * with Retry-After (never an immutable fallback), the current and ad-hoc URLs a short-lived text card. Once the
 * photo is back, within the retry window (100 ms doubling, at most 400 ms here), the photo card is served.
 */
const KEY = 'card-signing-key-0123456789';
const ID = 'outage';
let t: TestApp;
let images: ImageServer;
let hero: { body: Buffer; type: string };

beforeAll(async () => {
  images = await startImageServer();
  hero = images.files.get('/hero.jpg')!;
  images.files.delete('/hero.jpg'); // down: the photo answers 404
  t = await makeTestApp({
    env: {
      SYNDICARD_IMAGE_ALLOW: '127.0.0.1',
      SYNDICARD_SIGNING_KEYS: KEY,
      SYNDICARD_PHOTO_RETRY_MS: '100',
      SYNDICARD_PHOTO_RETRY_MAX_MS: '400',
    },
  });
  await putArticle(t, makeArticle({ id: ID, image: { ...makeArticle().image!, url: `${images.origin}/hero.jpg` } }));
}, 60_000);
afterAll(async () => {
  await t?.close();
  await images?.close();
});

type Req = ReturnType<TestApp['request']['get']>;
const binary = (req: Req) => req.buffer(true).parse(binaryParser);

async function versionedPath(): Promise<string> {
  const page = await t.request.get(`/articles/${ID}`);
  const url = /<meta property="og:image" content="([^"]+)">/.exec(page.text)![1]!;
  return new URL(url).pathname;
}

describe('a photo that is down, then up', { timeout: 90_000 }, () => {
  it('is never an immutable fallback, and the photo card is served once the photo is back', async () => {
    const versioned = await versionedPath();

    const down = await t.request.get(versioned).set('Accept', 'application/json');
    expect(down.status).toBe(503);
    expect(down.body.error.code).toBe('CARD_PHOTO_UNAVAILABLE');
    expect(Number(down.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(down.headers['cache-control']).toBe('no-store');
    const head = await t.request.head(versioned);
    expect(head.status).toBe(503);

    // The current URL shows the text card, briefly cacheable, never immutable.
    const current = await binary(t.request.get(`/cards/${ID}.jpg`));
    expect(current.status).toBe(200);
    expect(current.headers['x-card-template']).toBe('plain');
    expect(current.headers['cache-control']).toBe('public, max-age=60');

    // An ad-hoc card with the same photo: no day-long cache of its fallback either.
    const url = new URL(
      signCardUrl({ headline: 'Ad hoc', image: `${images.origin}/hero.jpg` }, { baseUrl: 'http://x.test', key: KEY }),
    );
    const adHoc = await binary(t.request.get(`${url.pathname}${url.search}`));
    expect(adHoc.status).toBe(200);
    expect(adHoc.headers['x-card-template']).toBe('plain');
    expect(adHoc.headers['cache-control']).toBe('public, max-age=60');

    // Up again: polled the way a scraper obeying Retry-After would, but without waiting whole seconds.
    images.files.set('/hero.jpg', hero);
    const seen: string[] = [];
    for (;;) {
      const res = await binary(t.request.get(versioned));
      seen.push(`${res.status} ${res.headers['cache-control']}`);
      // Whatever it answers meanwhile, it is never an immutable text card.
      if (res.status === 200) {
        expect(res.headers['x-card-template']).toBe('photo');
        expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        break;
      }
      expect(res.status).toBe(503);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(seen.every((line) => line.startsWith('503 no-store') || line.endsWith('immutable'))).toBe(true);
    const again = await binary(t.request.get(`/cards/${ID}.jpg`));
    expect(again.headers['x-card-template']).toBe('photo');
    expect(again.headers['cache-control']).toBe('public, max-age=300');
    const adHocAgain = await binary(t.request.get(`${url.pathname}${url.search}`));
    expect(adHocAgain.headers['x-card-template']).toBe('photo');
    expect(adHocAgain.headers['cache-control']).toBe('public, max-age=86400');
  });

  it('serves the text card, short-lived, on the versioned URL when retrying cannot help (a refused address)', async () => {
    await putArticle(
      t,
      makeArticle({ id: 'refused', image: { ...makeArticle().image!, url: 'http://127.0.0.2:9/x.jpg' } }),
    );
    const page = await t.request.get('/articles/refused');
    const versioned = new URL(/<meta property="og:image" content="([^"]+)">/.exec(page.text)![1]!).pathname;
    const res = await binary(t.request.get(versioned));
    expect(res.status).toBe(200);
    expect(res.headers['x-card-template']).toBe('plain');
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    // og:image:alt describes what that URL now shows: the text card's headline, not the photo it lacks.
    const alt = (html: string) => /<meta property="og:image:alt" content="([^"]*)">/.exec(html)![1];
    expect(alt(page.text)).toBe('Baby P mum in mugshot, Peter Connelly');
    const after = await t.request.get('/articles/refused');
    expect(alt(after.text)).toBe(/<meta property="og:title" content="([^"]*)">/.exec(after.text)![1]);
  });
});
