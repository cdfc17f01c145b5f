import { afterEach, describe, expect, it } from 'vitest';
import { type ArticleStore, parseArticle, type Scope } from '../../src/articles/index.js';
import { makeArticle } from '../helpers/fixtures.js';

/**
 * The archive half of the store contract (`count`, `archivePage`), written once and run against every store:
 * archive.test.ts runs it on SQLite, and a PostgreSQL store calls `describeArchiveContract` with its own factory.
 * The factory returns a fresh, empty store; it is closed after each test.
 */
export type OpenStore = () => Promise<ArticleStore>;

const article = (id: string, publishedAt: string, extra: Record<string, unknown> = {}) =>
  parseArticle(makeArticle({ id, publishedAt, updatedAt: undefined, ...extra }));

/** `n` articles an hour apart from 2024-01-01, ids zero-padded so they sort like their dates. */
function series(n: number, prefix = 'a', extra: Record<string, unknown> = {}) {
  return Array.from({ length: n }, (_, i) =>
    article(`${prefix}${String(i).padStart(4, '0')}`, new Date(Date.UTC(2024, 0, 1, i)).toISOString(), extra),
  );
}

const ids = (page: { items: Array<{ article: { id: string } }> }) => page.items.map((s) => s.article.id);

/** Every page of a scope from the oldest, plus the current feed: what a reader following prev-archive sees. */
async function walk(store: ArticleStore, size: number, keepNewest: number, scope?: Scope) {
  const current = (await store.latest({ limit: keepNewest, ...(scope ? { scope } : {}) })).map((s) => s.article.id);
  const pages: string[][] = [];
  for (let index = 0; ; index++) {
    const page = await store.archivePage({ size, index, keepNewest, ...(scope ? { scope } : {}) });
    if (page.items.length === 0) break;
    pages.push(ids(page));
  }
  return { current, pages };
}

export function describeArchiveContract(label: string, open: OpenStore): void {
  describe(`${label}: archive pages (count, archivePage)`, () => {
    const opened: ArticleStore[] = [];
    const fresh = async () => {
      const store = await open();
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
    });

    it('counts site-wide and per section, author and tag', async () => {
      const store = await fresh();
      expect(await store.count({})).toBe(0);
      await store.importMany([
        ...series(3, 'news-'),
        ...series(2, 'sport-', { section: 'Sport', tags: ['Football', 'football'], authors: [{ name: 'Zoë Ärger' }] }),
      ]);
      expect(await store.count({})).toBe(5);
      expect(await store.count({ scope: { kind: 'section', slug: 'news' } })).toBe(3);
      expect(await store.count({ scope: { kind: 'section', slug: 'sport' } })).toBe(2);
      // Two tag spellings with one slug count the article once.
      expect(await store.count({ scope: { kind: 'tag', slug: 'football' } })).toBe(2);
      expect(await store.count({ scope: { kind: 'author', slug: 'zoe-aerger' } })).toBe(2);
      expect(await store.count({ scope: { kind: 'tag', slug: 'nothing' } })).toBe(0);
      await store.delete('sport-0000');
      expect(await store.count({ scope: { kind: 'author', slug: 'zoe-aerger' } })).toBe(1);
    });

    it('pages from the oldest, leaves the newest to the current feed, and together they hold every id once', async () => {
      const store = await fresh();
      // Inserted in a shuffled order: pages follow publishedAt, not insertion.
      const all = series(23);
      await store.importMany([...all.slice(10), ...all.slice(0, 10)]);
      const { current, pages } = await walk(store, 5, 4);
      expect(current).toEqual(['a0022', 'a0021', 'a0020', 'a0019']);
      // 19 archived: three full pages of 5 and a partial one of 4.
      expect(pages.map((p) => p.length)).toEqual([5, 5, 5, 4]);
      expect(pages[0]).toEqual(['a0000', 'a0001', 'a0002', 'a0003', 'a0004']);
      expect(pages[3]).toEqual(['a0015', 'a0016', 'a0017', 'a0018']);
      const seen = [...pages.flat(), ...current];
      expect(new Set(seen).size).toBe(23);
      expect(seen.sort()).toEqual(all.map((a) => a.id).sort());
      const page = await store.archivePage({ size: 5, index: 1, keepNewest: 4 });
      expect(page.total).toBe(23);
      expect(await store.archivePage({ size: 5, index: 4, keepNewest: 4 })).toEqual({ total: 23, items: [] });
    });

    it('orders equal publication times by id, the reverse of latest()', async () => {
      const store = await fresh();
      const same = '2024-03-01T12:00:00Z';
      await store.importMany([article('c', same), article('a', same), article('b', '2024-03-01T13:00:00+01:00')]);
      const page = await store.archivePage({ size: 10, index: 0, keepNewest: 0 });
      expect(ids(page)).toEqual(['a', 'b', 'c']);
      expect((await store.latest({ limit: 10 })).map((s) => s.article.id)).toEqual(['c', 'b', 'a']);
    });

    it('keeps a full page the same when newer articles arrive', async () => {
      const store = await fresh();
      await store.importMany(series(12));
      const before = await store.archivePage({ size: 5, index: 1, keepNewest: 2 });
      const partialBefore = await store.archivePage({ size: 5, index: 2, keepNewest: 2 });
      expect(partialBefore.items).toHaveLength(0);
      await store.importMany(series(30).slice(12));
      const after = await store.archivePage({ size: 5, index: 1, keepNewest: 2 });
      expect(ids(after)).toEqual(ids(before));
      expect(after.items.map((s) => s.version)).toEqual(before.items.map((s) => s.version));
      expect(after.total).toBe(30);
    });

    it('pages within a scope, counting only that scope', async () => {
      const store = await fresh();
      const tagged = series(9, 't', { tags: ['Archive me'] });
      await store.importMany([...tagged, ...series(9, 'u', { tags: ['Other'] })]);
      const scope: Scope = { kind: 'tag', slug: 'archive-me' };
      const { current, pages } = await walk(store, 4, 3, scope);
      expect(current).toEqual(['t0008', 't0007', 't0006']);
      expect(pages).toEqual([
        ['t0000', 't0001', 't0002', 't0003'],
        ['t0004', 't0005'],
      ]);
      expect((await store.archivePage({ scope, size: 4, index: 0, keepNewest: 3 })).total).toBe(9);
    });

    it('answers an empty store and a scope nothing has with nothing', async () => {
      const store = await fresh();
      expect(await store.archivePage({ size: 5, index: 0, keepNewest: 0 })).toEqual({ total: 0, items: [] });
      await store.put(article('only', '2024-01-01T00:00:00Z'));
      expect(await store.archivePage({ size: 5, index: 0, keepNewest: 1 })).toEqual({ total: 1, items: [] });
      expect(
        await store.archivePage({ scope: { kind: 'section', slug: 'nope' }, size: 5, index: 0, keepNewest: 0 }),
      ).toEqual({ total: 0, items: [] });
    });

    it('rejects a page query that is not whole numbers in range', async () => {
      const store = await fresh();
      await expect(store.archivePage({ size: 0, index: 0, keepNewest: 0 })).rejects.toThrow(/size >= 1/);
      await expect(store.archivePage({ size: 5, index: -1, keepNewest: 0 })).rejects.toThrow(RangeError);
      await expect(store.archivePage({ size: 5, index: 0.5, keepNewest: 0 })).rejects.toThrow(RangeError);
    });
  });
}
