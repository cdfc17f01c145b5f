import { fileURLToPath } from 'node:url';
import { extractFromJson } from '@extractus/feed-extractor';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import Parser from 'rss-parser';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/articles/index.js';
import type { FeedFormat } from '../../src/feeds/index.js';
import jsonFeedSchema from '../fixtures/schemas/jsonfeed-1.1.schema.json' with { type: 'json' };
import { AUTH, type TestApp, useTestApp } from '../helpers/app.js';
import { runXmllint } from '../helpers/feed-xmllint.js';
import { makeArticle } from '../helpers/fixtures.js';

/**
 * RFC 5005 archived feeds over HTTP: a reader starting at the current feed and following prev-archive (JSON Feed:
 * next_url) sees every stored article exactly once; full pages keep their bytes when newer articles arrive.
 */

const ORIGIN = 'https://feeds.example.test';
const LIMIT = 20;
const PAGE = 25;
const app = useTestApp({ env: { SYNDICARD_FEED_LIMIT: String(LIMIT), SYNDICARD_ARCHIVE_PAGE_SIZE: String(PAGE) } });
let t: TestApp;
beforeEach(() => {
  t = app();
});

const ATOM_RNG = fileURLToPath(new URL('../fixtures/schemas/atom.rng', import.meta.url));
const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['link', 'atom:link', 'item', 'entry'].includes(name),
});
const rssParser = new Parser();
const ajv = new Ajv2020({ allErrors: true });
addFormats.default(ajv);
const validateJsonFeed = ajv.compile(jsonFeedSchema);

/** `n` articles an hour apart; every fourth is tagged "Archive me". */
function articles(n: number, from = 0) {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    return parseArticle(
      makeArticle({
        id: `story-${String(i).padStart(4, '0')}`,
        headline: `Story number ${i}`,
        publishedAt: new Date(Date.UTC(2024, 0, 1, i)).toISOString(),
        updatedAt: undefined,
        tags: i % 4 === 0 ? ['Archive me'] : ['Other'],
      }),
    );
  });
}

interface Fetched {
  path: string;
  body: string;
  etag: string;
  cacheControl: string;
  ids: string[];
  links: Record<string, string>;
}

/** One document: its item ids as a real reader sees them, and its feed-level links by rel. */
async function fetchDoc(format: FeedFormat, path: string): Promise<Fetched> {
  const res = await t.request.get(path).set('Accept-Encoding', 'identity').buffer(true);
  expect(res.status, path).toBe(200);
  const body = res.text;
  const links: Record<string, string> = {};
  let ids: string[];
  if (format === 'json') {
    const doc = JSON.parse(body);
    if (doc.next_url) links['prev-archive'] = doc.next_url;
    // feed-extractor's own entry id is a hash; the item's JSON Feed id comes through as an extra field.
    const entries = extractFromJson(doc, { getExtraEntryFields: (e) => ({ rawId: e.id }) }).entries ?? [];
    ids = entries.map((e) => String((e as Record<string, unknown>).rawId));
  } else {
    const parsed = xml.parse(body);
    const top = format === 'rss' ? parsed.rss.channel : parsed.feed;
    for (const link of top[format === 'rss' ? 'atom:link' : 'link'] ?? [])
      links[link['@rel'] ?? 'alternate'] = link['@href'];
    if (top['fh:archive'] !== undefined) links.archive = 'yes';
    const feed = await rssParser.parseString(body);
    ids = feed.items.map((item) => (format === 'rss' ? item.guid : (item as { id?: string }).id) ?? '');
  }
  return {
    path,
    body,
    etag: res.headers.etag!,
    cacheControl: res.headers['cache-control']!,
    ids: ids.map((id) => id.replace(/^tag:[^:]+:/, '')),
    links,
  };
}

/** Follows the chain from the current feed to the oldest page. */
async function walk(format: FeedFormat, currentPath: string): Promise<Fetched[]> {
  const docs = [await fetchDoc(format, currentPath)];
  for (let next = docs[0]!.links['prev-archive']; next; next = docs.at(-1)!.links['prev-archive']) {
    expect(docs.length, 'the chain ends').toBeLessThan(100);
    docs.push(await fetchDoc(format, next.slice(ORIGIN.length)));
  }
  return docs;
}

const FORMATS: Array<[FeedFormat, string]> = [
  ['rss', 'feed.rss'],
  ['atom', 'feed.atom'],
  ['json', 'feed.json'],
];

// Generous: these walk hundreds of records or drive real processes on a shared, loaded machine.
describe('archived feeds (RFC 5005)', { timeout: 120_000 }, () => {
  it.each(FORMATS)('a %s reader following the links sees all 310 articles exactly once', async (format, file) => {
    await t.store.importMany(articles(310));
    const docs = await walk(format, `/${file}`);
    // 20 in the current feed, 290 archived: 11 full pages of 25 and a partial one of 15.
    expect(docs.map((d) => d.ids.length)).toEqual([20, 15, ...Array(11).fill(25)]);
    const seen = docs.flatMap((d) => d.ids);
    expect(new Set(seen).size).toBe(310);
    expect(seen).toHaveLength(310);
    expect(docs[1]!.path).toBe(`/archive/12/${file}`);
    expect(docs.at(-1)!.path).toBe(`/archive/1/${file}`);
    expect(docs.at(-1)!.ids.at(-1)).toBe('story-0000');
    // Newest first within every document, as in the current feed.
    expect(docs[2]!.ids[0]).toBe('story-0274');
  });

  it('pages a tag feed within the tag', async () => {
    await t.store.importMany(articles(310));
    const docs = await walk('atom', '/tags/archive-me/feed.atom');
    const seen = docs.flatMap((d) => d.ids);
    expect(seen).toHaveLength(78);
    expect(new Set(seen).size).toBe(78);
    expect(seen.every((id) => Number(id.slice(6)) % 4 === 0)).toBe(true);
    expect(docs.map((d) => d.path)).toEqual([
      '/tags/archive-me/feed.atom',
      '/tags/archive-me/archive/3/feed.atom',
      '/tags/archive-me/archive/2/feed.atom',
      '/tags/archive-me/archive/1/feed.atom',
    ]);
    expect((await t.request.get('/tags/archive-me/archive/4/feed.atom')).status).toBe(404);
    expect((await t.request.get('/tags/nothing/archive/1/feed.atom')).status).toBe(404);
  });

  it('marks archive documents and links them both ways and to the current feed', async () => {
    await t.store.importMany(articles(100));
    // 80 archived: pages 1–3 full, page 4 holds 5.
    const middle = await fetchDoc('atom', '/archive/2/feed.atom');
    expect(middle.links).toMatchObject({
      self: `${ORIGIN}/archive/2/feed.atom`,
      current: `${ORIGIN}/feed.atom`,
      'prev-archive': `${ORIGIN}/archive/1/feed.atom`,
      'next-archive': `${ORIGIN}/archive/3/feed.atom`,
      archive: 'yes',
    });
    expect(middle.body).toContain('xmlns:fh="http://purl.org/syndication/history/1.0"');
    // The archive belongs to the same logical feed: same Atom id.
    expect(middle.body).toContain(`<id>${ORIGIN}/feed.atom</id>`);
    const oldest = await fetchDoc('rss', '/archive/1/feed.rss');
    expect(oldest.links['prev-archive']).toBeUndefined();
    expect(oldest.links['next-archive']).toBe(`${ORIGIN}/archive/2/feed.rss`);
    const newest = await fetchDoc('rss', '/archive/4/feed.rss');
    expect(newest.links['next-archive']).toBeUndefined();
    const current = await fetchDoc('rss', '/feed.rss');
    expect(current.links).toMatchObject({ self: `${ORIGIN}/feed.rss`, 'prev-archive': `${ORIGIN}/archive/4/feed.rss` });
    expect(current.links.archive).toBeUndefined();
    expect(current.body).not.toContain('xmlns:fh=');
    const json = JSON.parse((await t.request.get('/archive/2/feed.json')).text);
    expect(json.feed_url).toBe(`${ORIGIN}/feed.json`);
    expect(json.next_url).toBe(`${ORIGIN}/archive/1/feed.json`);
    expect(JSON.parse((await t.request.get('/archive/1/feed.json')).text).next_url).toBeUndefined();
  });

  it('serves full pages as immutable and the filling page and current feed briefly', async () => {
    await t.store.importMany(articles(100));
    const full = await t.request.get('/archive/3/feed.rss');
    expect(full.headers['cache-control']).toBe('public, max-age=604800, immutable');
    const partial = await t.request.get('/archive/4/feed.rss');
    expect(partial.headers['cache-control']).toBe('public, max-age=300');
    expect((await t.request.get('/feed.rss')).headers['cache-control']).toBe('public, max-age=300');
  });

  it('keeps full pages byte for byte when newer articles arrive; the filling page grows and then freezes', async () => {
    await t.store.importMany(articles(100));
    const before = await Promise.all([1, 2, 3].map((p) => fetchDoc('atom', `/archive/${p}/feed.atom`)));
    const partialBefore = await fetchDoc('atom', '/archive/4/feed.atom');
    t.clock.advance(60_000);
    await t.store.importMany(articles(37, 100));
    const after = await Promise.all([1, 2, 3].map((p) => fetchDoc('atom', `/archive/${p}/feed.atom`)));
    for (const [i, doc] of after.entries()) {
      expect(doc.body).toBe(before[i]!.body);
      expect(doc.etag).toBe(before[i]!.etag);
    }
    // 117 archived now: page 4 is full (its first 5 unchanged), page 5 holds 17.
    const page4 = await fetchDoc('atom', '/archive/4/feed.atom');
    expect(page4.ids.slice(-5)).toEqual(partialBefore.ids);
    expect(page4.ids).toHaveLength(25);
    expect(page4.cacheControl).toContain('immutable');
    expect((await fetchDoc('atom', '/feed.atom')).links['prev-archive']).toBe(`${ORIGIN}/archive/5/feed.atom`);
    // A conditional request for an unchanged full page is a 304.
    const again = await t.request
      .get('/archive/1/feed.atom')
      .set('Accept-Encoding', 'identity')
      .set('If-None-Match', before[0]!.etag);
    expect(again.status).toBe(304);
  });

  it('after a deletion the walk still holds every remaining article exactly once', async () => {
    await t.store.importMany(articles(100));
    const res = await t.request.delete('/api/articles/story-0003').set(AUTH);
    expect(res.status).toBe(204);
    const seen = (await walk('json', '/feed.json')).flatMap((d) => d.ids);
    expect(seen).toHaveLength(99);
    expect(new Set(seen).size).toBe(99);
    expect(seen).not.toContain('story-0003');
  });

  it('validates: Atom pages against RFC 4287 RELAX NG, RSS well-formed, JSON Feed against its schema', async () => {
    await t.store.importMany(articles(100));
    for (const path of ['/archive/1/feed.atom', '/archive/4/feed.atom', '/feed.atom']) {
      const body = (await t.request.get(path).buffer(true)).text;
      const result = runXmllint(['--noout', '--relaxng', ATOM_RNG, '-'], body);
      expect(result.output, path).toBe('- validates\n');
    }
    for (const path of ['/archive/2/feed.rss', '/feed.rss']) {
      const result = runXmllint(['--noout', '-'], (await t.request.get(path).buffer(true)).text);
      expect(result.status, path).toBe(0);
    }
    for (const path of ['/archive/2/feed.json', '/feed.json']) {
      validateJsonFeed(JSON.parse((await t.request.get(path)).text));
      expect(validateJsonFeed.errors ?? [], path).toEqual([]);
    }
  });

  it.each([
    '/archive/0/feed.rss',
    '/archive/01/feed.rss',
    '/archive/5/feed.rss',
    '/archive/x/feed.rss',
    '/archive/99999999999/feed.rss',
  ])('answers %s with 404 naming the problem', async (path) => {
    await t.store.importMany(articles(100));
    const res = await t.request.get(path);
    expect(res.status).toBe(404);
    expect(res.text).toMatch(/no archive page/);
  });

  it('has no archive while every article fits the current feed', async () => {
    await t.store.importMany(articles(LIMIT));
    const current = await fetchDoc('rss', '/feed.rss');
    expect(current.links['prev-archive']).toBeUndefined();
    expect((await t.request.get('/archive/1/feed.rss')).status).toBe(404);
  });
});
