import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCardUrl } from '../../src/cards/index.js';
import { AUTH, binaryParser, makeTestApp, putArticle, type TestApp } from '../helpers/app.js';
import { makeArticle, makeSite } from '../helpers/fixtures.js';
import { type ImageServer, startImageServer } from '../helpers/image-server.js';

const SEED_ID = 'baby-p-mum-befriends-woman-who-smothered-daughter';
const KEY = 'card-signing-key-0123456789';
let t: TestApp;
let images: ImageServer;

beforeAll(async () => {
  images = await startImageServer();
  t = await makeTestApp({
    env: { SYNDICARD_IMAGE_ALLOW: '127.0.0.1', SYNDICARD_SIGNING_KEYS: KEY },
    site: makeSite({ social: { twitter: '@EntDaily', facebook: 'EntertainmentDailyFix' } }),
  });
  // The seed article exactly as written, but its photo served from the fixture server on 127.0.0.1.
  const seed = makeArticle();
  seed.image = { ...seed.image!, url: `${images.origin}/hero.jpg` };
  await putArticle(t, seed);
}, 60_000);
afterAll(async () => {
  await t?.close();
  await images?.close();
});

const binary = (req: ReturnType<TestApp['request']['get']>) => req.buffer(true).parse(binaryParser);

function metaOf(html: string): Map<string, string[]> {
  const tags = new Map<string, string[]>();
  for (const m of html.matchAll(/<meta (property|name)="([^"]+)" content="([^"]*)">/g)) {
    tags.set(m[2]!, [...(tags.get(m[2]!) ?? []), m[3]!]);
  }
  return tags;
}

describe('article page', () => {
  it('starts its head with every tag the platforms read', async () => {
    const res = await t.request.get(`/articles/${SEED_ID}`);
    expect(res.status).toBe(200);
    const head = res.text.slice(0, res.text.indexOf('</head>'));
    expect(head.indexOf('og:title')).toBeLessThan(300);
    const tags = metaOf(head);
    const one = (key: string) => tags.get(key)?.[0];
    expect(one('og:title')).toBe(
      'Baby P’s mum ‘becomes friends with woman who smothered three-year-old daughter’ after prison release',
    );
    expect(one('og:description')).toBe('Connelly was released last year');
    expect(one('og:type')).toBe('article');
    expect(one('og:url')).toBe(
      'https://www.entertainmentdaily.example/news/baby-p-mum-befriends-woman-who-smothered-daughter/',
    );
    expect(one('og:site_name')).toBe('Entertainment Daily');
    expect(one('og:locale')).toBe('en_GB');
    expect(one('og:image')).toMatch(
      new RegExp(`^https://feeds\\.example\\.test/cards/${SEED_ID}/[A-Za-z0-9_-]{12}\\.jpg$`),
    );
    expect(one('og:image:secure_url')).toBe(one('og:image'));
    expect(one('og:image:type')).toBe('image/jpeg');
    expect(one('og:image:width')).toBe('1200');
    expect(one('og:image:height')).toBe('630');
    expect(one('og:image:alt')).toBe('Baby P mum in mugshot, Peter Connelly');
    expect(one('article:published_time')).toBe('2023-04-14T07:15:00+01:00');
    expect(one('article:modified_time')).toBe('2023-04-14T11:42:00+01:00');
    expect(tags.get('article:author')).toEqual(['https://www.entertainmentdaily.example/author/robert-emlyn-slater/']);
    expect(one('article:section')).toBe('News');
    expect(tags.get('article:tag')).toEqual(['Baby P', 'Tracey Connelly', 'Helen Caudwell', 'True crime']);
    expect(one('twitter:card')).toBe('summary_large_image');
    expect(one('twitter:title')).toBe(one('og:title'));
    expect(one('twitter:description')).toBe('Connelly was released last year');
    expect(one('twitter:image')).toBe(one('og:image'));
    expect(one('twitter:image:alt')).toBe(one('og:image:alt'));
    expect(one('twitter:site')).toBe('@EntDaily');
    expect(head).toContain(
      '<link rel="canonical" href="https://www.entertainmentdaily.example/news/baby-p-mum-befriends-woman-who-smothered-daughter/">',
    );
    expect(head).toContain('type="application/rss+xml"');
    expect(head).toContain('type="application/atom+xml"');
    expect(head).toContain('type="application/feed+json"');
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(head)![1]!);
    expect(ld).toMatchObject({
      '@type': 'NewsArticle',
      headline: one('og:title'),
      author: [{ '@type': 'Person', name: 'Robert Emlyn Slater' }],
    });
  });

  it('serves the og:image: a 1200×630 JPEG under 300 KB, immutable, then from the cache with 304', async () => {
    const page = await t.request.get(`/articles/${SEED_ID}`);
    const imageUrl = new URL(metaOf(page.text).get('og:image')![0]!);
    const res = await binary(t.request.get(imageUrl.pathname));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['x-card-template']).toBe('photo');
    const bytes = res.body as Buffer;
    expect(bytes.length).toBeLessThan(300 * 1024);
    expect(await sharp(bytes).metadata()).toMatchObject({ width: 1200, height: 630, format: 'jpeg' });

    const rendersBefore = t.cards.stats().renders;
    const again = await binary(t.request.get(imageUrl.pathname));
    expect((again.body as Buffer).equals(bytes)).toBe(true);
    expect(t.cards.stats().renders).toBe(rendersBefore);
    const revalidated = await t.request.get(imageUrl.pathname).set('If-None-Match', res.headers.etag!);
    expect(revalidated.status).toBe(304);
    // The first card of the file starts a render worker and loads its fonts: on a loaded 2-core machine that alone
    // passed the 20 s default.
  }, 60_000);

  it('redirects an outdated card version to the current one', async () => {
    const page = await t.request.get(`/articles/${SEED_ID}`);
    const current = new URL(metaOf(page.text).get('og:image')![0]!).pathname;
    const res = await t.request.get(`/cards/${SEED_ID}/AAAAAAAAAAAA.jpg`);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(`https://feeds.example.test${current}`);
  });

  it('answers HEAD for a cached card without rendering', async () => {
    await binary(t.request.get(`/cards/${SEED_ID}.png`)).expect(200);
    const renders = t.cards.stats().renders;
    const head = await t.request.head(`/cards/${SEED_ID}.png`);
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe('image/png');
    expect(Number(head.headers['content-length'])).toBeGreaterThan(10_000);
    expect(t.cards.stats().renders).toBe(renders);
  });

  it('gives the same tags as JSON to publishers with a token', async () => {
    const page = await t.request.get(`/articles/${SEED_ID}`);
    const res = await t.request.get(`/api/articles/${SEED_ID}/meta`).set(AUTH);
    expect(res.status).toBe(200);
    const social = /^(og|article|twitter):/;
    const fromPage = [...metaOf(page.text).entries()]
      .filter(([k]) => social.test(k))
      .flatMap(([k, vs]) => vs.map((v) => [k, v]));
    const escapeAttr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    const fromJson = res.body.tags.map((tag: { key: string; content: string }) => [tag.key, escapeAttr(tag.content)]);
    expect(fromJson).toEqual(fromPage);
    expect(fromJson).toHaveLength(26);
    expect((await t.request.get(`/api/articles/${SEED_ID}/meta`)).status).toBe(401);
  });

  it.each([
    ['/articles/no-such-article', 404],
    ['/cards/no-such-article.png', 404],
    [`/cards/${SEED_ID}.gif`, 404],
    [`/cards/${SEED_ID}/v.webp`, 404],
  ])('%s → %i', async (path, status) => {
    expect((await t.request.get(path)).status).toBe(status);
  });

  it('lets crawlers fetch card paths in robots.txt', async () => {
    const res = await t.request.get('/robots.txt');
    expect(res.text).toContain('Allow: /cards/');
    expect(res.text).toContain('Disallow: /api/');
  });
});

describe('ad-hoc cards', () => {
  const signed = (query: Record<string, string>, format: 'png' | 'jpeg' = 'png') => {
    const url = new URL(signCardUrl(query, { baseUrl: 'https://feeds.example.test', key: KEY, format }));
    return `${url.pathname}${url.search}`;
  };

  it('renders a signed URL and refuses an unsigned or tampered one with 403', async () => {
    const path = signed(
      { headline: 'A headline “quoted”', credit: 'Photo by Shutterstock', image: `${images.origin}/hero.jpg` },
      'jpeg',
    );
    const ok = await binary(t.request.get(path));
    expect(ok.status).toBe(200);
    expect(await sharp(ok.body as Buffer).metadata()).toMatchObject({ width: 1200, height: 630, format: 'jpeg' });
    const unsigned = await t.request.get('/og.png?headline=Hi');
    expect(unsigned.status).toBe(403);
    expect(unsigned.text).toContain('sig');
    const tampered = await t.request.get(path.replace('headline=A', 'headline=B'));
    expect(tampered.status).toBe(403);
  });

  it('answers a 301-character headline with 400 and a 3 KB query with 414', async () => {
    const long = await t.request.get(signed({ headline: 'x'.repeat(301) }));
    expect(long.status).toBe(400);
    expect(long.text).toContain('300 characters');
    const huge = await t.request.get(`/og.png?headline=${'y'.repeat(3000)}&sig=abc`);
    expect(huge.status).toBe(414);
  });

  it('falls back to the text card when the photo address is refused, never a 500', async () => {
    const res = await binary(t.request.get(signed({ headline: 'Guarded', image: 'http://127.0.0.2:9/x.jpg' })));
    expect(res.status).toBe(200);
    expect(res.headers['x-card-template']).toBe('plain');
  });

  it('renders POST /api/cards for a token holder, with field errors as 400', async () => {
    const res = await binary(
      t.request
        .post('/api/cards')
        .set(AUTH)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ headline: 'From the API', format: 'png' })),
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(await sharp(res.body as Buffer).metadata()).toMatchObject({ width: 1200, height: 630, format: 'png' });
    const bad = await t.request
      .post('/api/cards')
      .set(AUTH)
      .set('Content-Type', 'application/json')
      .send('{"credit":"x"}');
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues).toContainEqual({ path: 'headline', message: 'is required' });
    expect((await t.request.post('/api/cards').set('Content-Type', 'application/json').send('{}')).status).toBe(401);
  });
});
