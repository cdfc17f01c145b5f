import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ArticleStore, createSqliteStore } from '../../src/articles/index.js';
import { createFeedService, FEED_CONTENT_TYPES, FEED_FORMATS } from '../../src/feeds/index.js';
import { BASE_URL, makeArticle, makeOpinionArticle, makeSite, makeWelshArticle } from '../helpers/feed-fixtures.js';

let store: ArticleStore | undefined;
let now = new Date('2024-05-01T12:00:00Z');

afterEach(async () => {
  await store?.close();
  store = undefined;
});

async function setup(limit = 10) {
  now = new Date('2024-05-01T12:00:00Z');
  store = createSqliteStore({ path: ':memory:', clock: () => now });
  await store.importMany([makeArticle(), makeOpinionArticle(), makeWelshArticle()]);
  const service = createFeedService({ store, site: makeSite(), baseUrl: BASE_URL, limit });
  return { store, service };
}

function itemIds(body: Buffer): string[] {
  return JSON.parse(body.toString('utf8')).items.map((item: { id: string }) => item.id.split(':').at(-1));
}

describe('createFeedService', () => {
  it.each(FEED_FORMATS)(
    'serves the %s feed with its media type, a strong body-derived ETag and the change time',
    async (format) => {
      const { service } = await setup();
      const document = await service.get(format);
      expect(document).toBeDefined();
      expect(document?.contentType).toBe(FEED_CONTENT_TYPES[format]);
      const hash = createHash('sha256').update(document!.body.joined).digest('base64url').slice(0, 32);
      expect(document?.etag).toBe(`"${hash}"`);
      expect(document?.lastModified).toEqual(new Date('2024-05-01T12:00:00Z'));
    },
  );

  it('answers polls from the cache without querying or rendering again', async () => {
    const { store, service } = await setup();
    const latest = vi.spyOn(store, 'latest');
    const first = await service.get('rss');
    const second = await service.get('rss');
    expect(second).toBe(first);
    expect(second?.body).toBe(first?.body);
    expect(latest).toHaveBeenCalledTimes(1);
  });

  it('builds a cold feed once for concurrent requests', async () => {
    const { store, service } = await setup();
    const latest = vi.spyOn(store, 'latest');
    const [a, b] = await Promise.all([service.get('atom'), service.get('atom')]);
    expect(a).toBe(b);
    expect(latest).toHaveBeenCalledTimes(1);
  });

  it('keeps formats and scopes apart in the cache', async () => {
    const { service } = await setup();
    const rss = await service.get('rss');
    const atom = await service.get('atom');
    const news = await service.get('rss', { kind: 'section', slug: 'news' });
    expect(new Set([rss?.etag, atom?.etag, news?.etag]).size).toBe(3);
  });

  it('rebuilds after a put and moves Last-Modified', async () => {
    const { store, service } = await setup();
    const before = await service.get('json');
    now = new Date('2024-05-02T08:00:00Z');
    await store.put(makeArticle({ id: 'brand-new', publishedAt: '2024-05-02T07:00:00Z', updatedAt: undefined }));
    const after = await service.get('json');
    expect(after?.etag).not.toBe(before?.etag);
    expect(itemIds(after!.body.joined)[0]).toBe('brand-new');
    expect(after?.lastModified).toEqual(new Date('2024-05-02T08:00:00Z'));
  });

  it('rebuilds after a delete and moves Last-Modified forward even though no item is newer', async () => {
    const { store, service } = await setup();
    const before = await service.get('json');
    now = new Date('2024-05-03T09:30:00Z');
    expect(await store.delete('tv-column-2023-04-13')).toBe(true);
    const after = await service.get('json');
    expect(itemIds(before!.body.joined)).toContain('tv-column-2023-04-13');
    expect(itemIds(after!.body.joined)).not.toContain('tv-column-2023-04-13');
    expect(after?.lastModified).toEqual(new Date('2024-05-03T09:30:00Z'));
  });

  it('does not rebuild for a put that changed nothing', async () => {
    const { store, service } = await setup();
    const first = await service.get('rss');
    await store.put(makeArticle());
    expect(await service.get('rss')).toBe(first);
  });

  it('returns undefined for a scope nothing has, and remembers that until the store changes', async () => {
    const { store, service } = await setup();
    const scopeName = vi.spyOn(store, 'scopeName');
    expect(await service.get('rss', { kind: 'tag', slug: 'no-such-tag' })).toBeUndefined();
    expect(await service.get('rss', { kind: 'tag', slug: 'no-such-tag' })).toBeUndefined();
    expect(scopeName).toHaveBeenCalledTimes(1);
    expect(await service.get('rss', { kind: 'author', slug: 'news' })).toBeUndefined();
  });

  it.each([
    [
      { kind: 'section', slug: 'news' },
      ['baby-p-mum-befriends-woman-who-smothered-daughter', 'eisteddfod-2023'],
      'Entertainment Daily: News',
    ],
    [{ kind: 'section', slug: 'tv' }, ['tv-column-2023-04-13'], 'Entertainment Daily: TV'],
    [
      { kind: 'tag', slug: 'true-crime' },
      ['baby-p-mum-befriends-woman-who-smothered-daughter'],
      'Entertainment Daily: True crime',
    ],
    [{ kind: 'author', slug: 'aoife-o-brien' }, ['tv-column-2023-04-13'], 'Entertainment Daily: Aoife O’Brien'],
  ] as const)('serves only the articles of %o', async (scope, ids, title) => {
    const { service } = await setup();
    const document = await service.get('json', scope);
    expect(itemIds(document!.body.joined)).toEqual(ids);
    expect(JSON.parse(document!.body.joined.toString('utf8')).title).toBe(title);
  });

  it('honours the limit and lists newest first', async () => {
    const { service } = await setup(2);
    const document = await service.get('json');
    expect(itemIds(document!.body.joined)).toEqual([
      'baby-p-mum-befriends-woman-who-smothered-daughter',
      'tv-column-2023-04-13',
    ]);
  });

  it('serves an empty feed for an empty store with a fixed Last-Modified', async () => {
    store = createSqliteStore({ path: ':memory:', clock: () => now });
    const service = createFeedService({ store, site: makeSite(), baseUrl: BASE_URL, limit: 10 });
    const first = await service.get('atom');
    expect(first?.lastModified).toEqual(new Date(0));
    expect(first?.body.joined.toString('utf8')).toContain('<updated>1970-01-01T00:00:00.000Z</updated>');
  });
});
