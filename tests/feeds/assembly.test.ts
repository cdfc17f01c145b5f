import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { type ArticleStore, createSqliteStore } from '../../src/articles/index.js';
import { buildFeed, createFeedService, FEED_FORMATS, feedContentRules } from '../../src/feeds/index.js';
import { BASE_URL, makeArticle, makeOpinionArticle, makeSite, makeWelshArticle } from '../helpers/feed-fixtures.js';

/**
 * The feed service assembles documents from item fragments it keeps per record version (as UTF-8 bytes): after any
 * sequence of edits, deletes and scope changes, what it serves must be exactly what a build from scratch gives.
 */

const site = makeSite();
let store: ArticleStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

describe('documents assembled from cached items', () => {
  it('equal a fresh build, byte for byte, after every change', async () => {
    let now = new Date('2024-05-01T12:00:00Z');
    store = createSqliteStore({
      path: ':memory:',
      clock: () => now,
      contentRules: feedContentRules({ language: site.language }),
    });
    const feeds = createFeedService({ store, site, baseUrl: BASE_URL, limit: 2, archivePageSize: 1 });
    const s = store;
    const fresh = async (format: (typeof FEED_FORMATS)[number]) => {
      const { changedAt } = await s.state();
      const items = await s.latest({ limit: 2 });
      const prev = Math.ceil(Math.max(0, (await s.count({})) - 2) / 1);
      return buildFeed({
        format,
        site,
        baseUrl: BASE_URL,
        items,
        fallbackUpdated: changedAt ?? now,
        archive: prev > 0 ? { prev } : {},
      });
    };
    const steps: Array<() => Promise<unknown>> = [
      () => s.importMany([makeArticle(), makeOpinionArticle()]),
      () => s.put({ ...makeArticle(), headline: 'An edited headline & more' }),
      () => s.put(makeWelshArticle()),
      () => s.put({ ...makeOpinionArticle(), body: '<p>Rewritten</p>', language: 'cy' }),
      () => s.delete(makeWelshArticle().id),
      () => s.delete(makeArticle().id),
      () => s.delete(makeOpinionArticle().id),
    ];
    for (const step of steps) {
      now = new Date(now.getTime() + 60_000);
      await step();
      for (const format of FEED_FORMATS) {
        const served = await feeds.get(format);
        expect(served?.body.joined.toString('utf8'), format).toBe(await fresh(format));
      }
    }
  });

  it.each(FEED_FORMATS)(
    'keep the %s fragments of unchanged items as shared parts, joined only on demand',
    async (format) => {
      store = createSqliteStore({ path: ':memory:', contentRules: feedContentRules({ language: site.language }) });
      const feeds = createFeedService({ store, site, baseUrl: BASE_URL, limit: 5 });
      await store.importMany([makeArticle(), makeOpinionArticle(), makeWelshArticle()]);
      const before = (await feeds.get(format))!;
      await store.put({ ...makeOpinionArticle(), headline: 'An edited headline' });
      const after = (await feeds.get(format))!;

      // Head, three items (with JSON Feed's separators between them), tail: the same layout both times.
      expect(after.body.parts.length).toBe(before.body.parts.length);
      const shared = after.body.parts.filter((part) => before.body.parts.includes(part));
      const itemParts = format === 'json' ? [1, 3, 5] : [1, 2, 3];
      const unchanged = itemParts.filter((i) => before.body.parts.includes(after.body.parts[i]!));
      // Two of the three items did not change: their very buffers are reused, not copies of them.
      expect(unchanged).toHaveLength(2);
      expect(shared.length).toBeGreaterThanOrEqual(2);

      const joined = after.body.joined;
      expect(after.body.joined).toBe(joined);
      expect(joined.length).toBe(after.body.length);
      expect(joined.equals(Buffer.concat(after.body.parts))).toBe(true);
      expect(joined.toString('utf8')).toContain('An edited headline');
      const digest = createHash('sha256').update(joined).digest('base64url').slice(0, 32);
      expect(after.etag).toBe(`"${digest}"`);
    },
  );
});
