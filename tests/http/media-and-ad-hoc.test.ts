import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MEDIA_DIR, signCardUrl } from '../../src/cards/index.js';
import { AUTH, binaryParser, useTestApp } from '../helpers/app.js';
import { regionStats } from '../helpers/region.js';

// The test app has no SYNDICARD_SIGNING_KEYS: ad-hoc URLs are off.
const app = useTestApp();

describe('GET /media/:folder/:file', () => {
  it('serves the bundled demo photos with an ETag, and 304 for a client that has them', async () => {
    const res = await app().request.get('/media/demo/lighthouse.jpg').buffer(true).parse(binaryParser);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['cache-control']).toBe('public, max-age=86400');
    expect((res.body as Buffer).equals(readFileSync(join(MEDIA_DIR, 'demo/lighthouse.jpg')))).toBe(true);
    const again = await app().request.get('/media/demo/lighthouse.jpg').set('If-None-Match', res.headers.etag!);
    expect(again.status).toBe(304);
  });

  it.each([
    '/media/demo/missing.jpg',
    '/media/demo/Lighthouse.jpg',
    '/media/demo/lighthouse.jpg.bak',
    '/media/demo/%2e%2e%2fREADME.md',
    '/media/..%2f..%2fpackage.json',
  ])('answers %s with 404 and reads nothing outside the bundle', async (path) => {
    const res = await app().request.get(path);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).not.toBe('image/jpeg');
  });
});

describe('ad-hoc cards on a server without signing keys', () => {
  const signed = signCardUrl({ headline: 'Hello' }, { baseUrl: 'https://feeds.example.test', key: 'k'.repeat(32) });

  it.each([
    ['a correctly signed URL', new URL(signed).pathname + new URL(signed).search],
    ['an unsigned URL', '/og.jpg?headline=Hello'],
  ])('answers %s with 404 naming the setting, not a signature problem', async (_, path) => {
    const res = await app().request.get(path);
    expect(res.status).toBe(404);
    expect(res.text).toBe('ad-hoc cards are not enabled: set SYNDICARD_SIGNING_KEYS\n');
  });

  it('still renders POST /api/cards for token holders', async () => {
    const res = await app()
      .request.post('/api/cards')
      .set(AUTH)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ headline: 'From the API' }));
    expect(res.status).toBe(200);
  });
});

describe('a credit without a photo', () => {
  /** The plain card for a headline, with or without a credit, as raw RGB. */
  async function plainCard(credit?: string) {
    const res = await app()
      .request.post('/api/cards')
      .set(AUTH)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ headline: 'A credit without a photo', ...(credit ? { credit } : {}) }))
      .buffer(true)
      .parse(binaryParser);
    expect(res.headers['x-card-template']).toBe('plain');
    return res.body as Buffer;
  }

  it('is drawn on the plain card, bottom right, where the card without it is empty', async () => {
    const footer = { left: 600, top: 540, width: 560, height: 60 };
    const without = await regionStats(await plainCard(), footer);
    const withCredit = await regionStats(await plainCard('Photo by Jane Doe/Agency'), footer);
    // Empty: the theme's background (#111827) alone. With the credit: light text on it.
    expect(without.max).toEqual([0x11, 0x18, 0x27]);
    expect(withCredit.max[0]).toBeGreaterThan(180);
  });
});
