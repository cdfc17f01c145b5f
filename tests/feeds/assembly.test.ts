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
        expect(served?.body.toString('utf8'), format).toBe(await fresh(format));
      }
    }
  });
});
