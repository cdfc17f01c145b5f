import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeEach, describe, expect, it } from 'vitest';
import { AUTH, putJson, type TestApp, useTestApp } from '../helpers/app.js';
import { makeArticle } from '../helpers/fixtures.js';
import { rawGet } from '../helpers/raw-get.js';

const SEED_ID = 'baby-p-mum-befriends-woman-who-smothered-daughter';
const app = useTestApp();
let t: TestApp;
beforeEach(() => {
  t = app();
});

const put = (id: string, body: unknown) => putJson(t, id, body);

const FEEDS = [
  ['/feed.rss', 'application/rss+xml; charset=utf-8'],
  ['/feed.atom', 'application/atom+xml; charset=utf-8'],
  ['/feed.json', 'application/feed+json; charset=utf-8'],
] as const;

describe('feed routes', () => {
  it.each(FEEDS)('%s has its content type, a strong ETag, Last-Modified and Cache-Control', async (path, type) => {
    await put(SEED_ID, makeArticle());
    const res = await t.request.get(path).set('Accept-Encoding', 'identity');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]{16,}"$/);
    expect(res.headers['last-modified']).toBe(t.clock.now().toUTCString());
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(res.headers['content-encoding']).toBeUndefined();
  });

  it('puts a newly PUT seed article on top of all three feeds with its author, credit and curly quotes', async () => {
    await put('older', makeArticle({ id: 'older', publishedAt: '2020-01-01T00:00:00Z', updatedAt: undefined }));
    await put(SEED_ID, makeArticle());
    const rss = (await t.request.get('/feed.rss').buffer(true)).text;
    expect(XMLValidator.validate(rss)).toBe(true);
    const channel = new XMLParser({ ignoreAttributes: false }).parse(rss).rss.channel;
    const first = channel.item[0];
    expect(first.title).toBe(
      'Baby P’s mum ‘becomes friends with woman who smothered three-year-old daughter’ after prison release',
    );
    expect(first['dc:creator']).toBe('Robert Emlyn Slater');
    expect(JSON.stringify(first['media:content'] ?? first)).toContain('Photo by Shutterstock');
    const atom = (await t.request.get('/feed.atom').buffer(true)).text;
    expect(atom.indexOf(SEED_ID)).toBeLessThan(atom.indexOf(':older<'));
    const json = JSON.parse((await t.request.get('/feed.json').buffer(true)).text);
    expect(json.items[0].title).toBe(first.title);
    expect(json.items[0].authors).toEqual([expect.objectContaining({ name: 'Robert Emlyn Slater' })]);
  });

  it('answers a repeat with the ETag or Last-Modified with 304 and no body, without rebuilding', async () => {
    await put(SEED_ID, makeArticle());
    const first = await t.request.get('/feed.rss').set('Accept-Encoding', 'identity');
    const etag = first.headers.etag!;
    const byEtag = await t.request.get('/feed.rss').set('Accept-Encoding', 'identity').set('If-None-Match', etag);
    expect(byEtag.status).toBe(304);
    expect(byEtag.text ?? '').toBe('');
    expect(byEtag.headers.etag).toBe(etag);
    const byDate = await t.request.get('/feed.rss').set('If-Modified-Since', first.headers['last-modified']!);
    expect(byDate.status).toBe(304);
    // If-None-Match wins over If-Modified-Since (RFC 9110 §13.1.3).
    const stale = await t.request
      .get('/feed.rss')
      .set('If-None-Match', '"other"')
      .set('If-Modified-Since', first.headers['last-modified']!);
    expect(stale.status).toBe(200);
  });

  it('gives a new ETag and the same item id when the headline changes', async () => {
    await put(SEED_ID, makeArticle());
    const before = await t.request.get('/feed.atom').buffer(true);
    t.clock.advance(60_000);
    await put(SEED_ID, makeArticle({ headline: 'A corrected headline' }));
    const after = await t.request.get('/feed.atom').buffer(true);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const id = (xml: string) => /<id>(tag:[^<]+)<\/id>/.exec(xml)?.[1];
    expect(id(after.text)).toBe(id(before.text));
    expect(id(after.text)).toMatch(/^tag:www\.entertainmentdaily\.example,2023-04-14:baby-p-mum/);
    expect(after.text).toContain('A corrected headline');
    expect(new Date(after.headers['last-modified']!).getTime()).toBeGreaterThan(
      new Date(before.headers['last-modified']!).getTime(),
    );
    const revalidated = await t.request.get('/feed.atom').set('If-None-Match', before.headers.etag!);
    expect(revalidated.status).toBe(200);
  });

  it('removes a deleted article from every feed and moves Last-Modified forward', async () => {
    await put(SEED_ID, makeArticle());
    const before = await t.request.get('/tags/true-crime/feed.json');
    t.clock.advance(5_000);
    await t.request.delete(`/api/articles/${SEED_ID}`).set(AUTH).expect(204);
    const site = await t.request.get('/feed.json');
    expect(JSON.parse(site.text).items).toEqual([]);
    expect(new Date(site.headers['last-modified']!).getTime()).toBe(
      new Date(before.headers['last-modified']!).getTime() + 5_000,
    );
    expect((await t.request.get('/tags/true-crime/feed.json')).status).toBe(404);
  });

  it.each(['br', 'gzip'])('compresses with %s, with its own ETag, and 304s that ETag', async (coding) => {
    await put(SEED_ID, makeArticle());
    const plain = await t.request.get('/feed.rss').set('Accept-Encoding', 'identity').buffer(true);
    // supertest decodes bodies itself; read the raw bytes from a real socket on 127.0.0.1 instead.
    const res = await rawGet(t.callback, '/feed.rss', { 'accept-encoding': coding });
    expect(res.headers['content-encoding']).toBe(coding);
    expect(res.headers.etag).toBe(`${plain.headers.etag!.slice(0, -1)}-${coding}"`);
    const decoded = coding === 'br' ? brotliDecompressSync(res.body) : gunzipSync(res.body);
    expect(decoded.toString('utf8')).toBe(plain.text);
    expect(res.body.length).toBeLessThan(decoded.length / 2);
    const again = await t.request
      .get('/feed.rss')
      .set('Accept-Encoding', coding)
      .set('If-None-Match', res.headers.etag as string);
    expect(again.status).toBe(304);
  });

  it('answers HEAD with the headers and no body', async () => {
    await put(SEED_ID, makeArticle());
    const get = await t.request.get('/feed.json').set('Accept-Encoding', 'identity');
    const head = await t.request.head('/feed.json').set('Accept-Encoding', 'identity');
    expect(head.status).toBe(200);
    expect(head.headers.etag).toBe(get.headers.etag);
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(get.text)));
    expect(head.text ?? '').toBe('');
  });

  it.each([
    ['/sections/news/feed.rss', 200],
    ['/authors/robert-emlyn-slater/feed.atom', 200],
    ['/tags/true-crime/feed.json', 200],
    ['/sections/sport/feed.rss', 404],
    ['/authors/nobody/feed.atom', 404],
    ['/tags/unknown/feed.json', 404],
  ])('serves scoped feed %s with %i', async (path, status) => {
    await put(SEED_ID, makeArticle());
    const res = await t.request.get(path);
    expect(res.status).toBe(status);
    if (status === 404) expect(res.text).toMatch(/no (section|author|tag) "/);
  });

  it('lists the articles on / with autodiscovery links for the three feeds', async () => {
    await put(SEED_ID, makeArticle());
    const res = await t.request.get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    for (const [path, type] of FEEDS) {
      expect(res.text).toContain(`<link rel="alternate" type="${type.split(';')[0]}"`);
      expect(res.text).toContain(`href="https://feeds.example.test${path}"`);
    }
    expect(res.text).toContain('Baby P’s mum ‘becomes friends');
    expect((await t.request.get('/healthz')).body).toEqual({ status: 'ok', articles: 1, revision: 1 });
  });
});
