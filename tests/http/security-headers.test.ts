import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCardUrl } from '../../src/cards/index.js';
import { AUTH, binaryParser, makeTestApp, putArticle, type TestApp } from '../helpers/app.js';
import { makeArticle } from '../helpers/fixtures.js';

const KEY = 'card-signing-key-0123456789';
let t: TestApp;

beforeAll(async () => {
  t = await makeTestApp({ env: { SYNDICARD_SIGNING_KEYS: KEY } });
  await putArticle(t, makeArticle({ id: 'plain-one', image: undefined }));
}, 60_000);
afterAll(async () => {
  await t?.close();
});

type Req = ReturnType<TestApp['request']['get']>;
const binary = (req: Req) => req.buffer(true).parse(binaryParser);

/** Every kind of route: pages, feeds, cards (article and ad-hoc), the API, errors of each family, a 304. */
const ROUTES: [string, () => Req, number][] = [
  ['home page', () => t.request.get('/'), 200],
  ['article page', () => t.request.get('/articles/plain-one'), 200],
  ['playground page', () => t.request.get('/playground'), 200],
  ['asset', () => t.request.get('/assets/playground.js'), 200],
  ['API reference page', () => t.request.get('/docs/api'), 200],
  ['OpenAPI document', () => t.request.get('/openapi.json'), 200],
  ['RSS feed', () => t.request.get('/feed.rss'), 200],
  ['Atom feed', () => t.request.get('/feed.atom'), 200],
  ['JSON feed', () => t.request.get('/feed.json'), 200],
  ['robots.txt', () => t.request.get('/robots.txt'), 200],
  ['health', () => t.request.get('/healthz'), 200],
  ['article card', () => binary(t.request.get('/cards/plain-one.png')), 200],
  [
    'ad-hoc card',
    () => {
      const url = new URL(signCardUrl({ headline: 'Headers' }, { baseUrl: 'http://x.test', key: KEY, format: 'png' }));
      return binary(t.request.get(`${url.pathname}${url.search}`));
    },
    200,
  ],
  ['API JSON', () => t.request.get('/api/articles').set(AUTH), 200],
  ['API 401', () => t.request.get('/api/articles'), 401],
  ['API 404', () => t.request.get('/api/articles/missing').set(AUTH), 404],
  ['page 404', () => t.request.get('/articles/missing'), 404],
  ['unknown path 404', () => t.request.get('/no/such/thing'), 404],
  ['405', () => t.request.delete('/feed.rss'), 405],
  ['unsigned card 403', () => t.request.get('/og.png?headline=x'), 403],
  ['API 415', () => t.request.put('/api/articles/x').set(AUTH).set('Content-Type', 'text/plain').send('x'), 415],
];

describe('security headers', () => {
  it.each(ROUTES)('%s carries nosniff, frame and referrer policies and a CSP', async (_name, send, status) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    const csp = res.headers['content-security-policy'] ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'none'");
    // Never inline script or eval: scripts, where allowed at all, only from our own files.
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src (?!'self';)/);
  });

  it('gives HTML pages a CSP that allows their images and the allowed embed hosts only', async () => {
    const res = await t.request.get('/articles/plain-one');
    const csp = res.headers['content-security-policy']!;
    expect(csp).toContain('img-src https: http: data:');
    expect(csp).toContain('frame-src https://www.youtube.com');
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("form-action 'none'");
    expect(csp).not.toContain('sandbox');
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    // Every <script> is the JSON-LD data block (which CSP leaves alone) or one of our files; nothing inline runs.
    for (const [, attributes, content] of res.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
      if (attributes!.includes('type="application/ld+json"')) continue;
      expect(attributes).toMatch(/ src="\/assets\/[a-z-]+\.js"/);
      expect(content).toBe('');
    }
    expect(res.text).not.toMatch(/\son[a-z]+=/i);
    expect(res.text).not.toMatch(/\sstyle=/i);
  });

  it('sandboxes everything that is not HTML', async () => {
    for (const path of ['/feed.rss', '/feed.json', '/robots.txt']) {
      const res = await t.request.get(path);
      expect(res.headers['content-security-policy']).toContain('sandbox');
    }
  });

  it('keeps the headers on a 304 and leaves HSTS to the TLS terminator', async () => {
    const first = await t.request.get('/feed.rss');
    const again = await t.request.get('/feed.rss').set('If-None-Match', first.headers.etag!);
    expect(again.status).toBe(304);
    expect(again.headers['x-content-type-options']).toBe('nosniff');
    expect(again.headers['strict-transport-security']).toBeUndefined();
  });

  it('bounds error messages: a 404 quotes at most a short piece of the path', async () => {
    const long = `/${'a'.repeat(5000)}`;
    const text = await t.request.get(long);
    expect(text.status).toBe(404);
    expect(text.text.length).toBeLessThan(200);
    expect(text.text).toContain('no such resource: GET /aaaa');
    expect(text.text).toContain('…');
    const json = await t.request.get(`/api${long}`).set(AUTH);
    expect(json.status).toBe(404);
    expect(json.body.error.code).toBe('NOT_FOUND');
    expect(json.body.error.message.length).toBeLessThanOrEqual(150);
    expect(json.headers['cache-control']).toBe('no-store');
  });
});
