import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Feed } from 'feed';
import { createSqliteStore, type StoredArticle } from '../../src/articles/index.js';
import { assembleFeed, createFeedService, FEED_FORMATS, feedContentRules } from '../../src/feeds/index.js';
import { feedArticles, loadSeed } from '../lib/fixtures.js';
import { measureAsync } from '../lib/measure.js';
import { type BenchOptions, scaled } from '../lib/options.js';
import type { Report } from '../lib/report.js';

const SECTION = '3 feed build';
/** Issue 11: a 50-item feed built from scratch in under 5 ms, rebuilt after one edit in under 2 ms. */
const TARGET_SCRATCH_MS = 5;
const TARGET_REBUILD_MS = 2;

/**
 * 3 (build): a 50-item feed from the SQLite store (a WAL file, as the server runs it) in each format, i.e. the
 * `latest()` query that parses 50 stored records plus rendering, uncached, assembled as the feed service assembles a
 * document (its UTF-8 bytes, as parts: assembleFeed). The store is opened as the server opens
 * it, with the feeds' content rules, so each record's published HTML was sanitised when it was stored (issue 11).
 * The baseline is JSON.stringify of the same 50 records: the least any serialisation of them can cost. The `feed`
 * package building RSS from the same 50 records (its own escaping, none of our namespaces) is the peer.
 */
export async function runFeedBuild(options: BenchOptions, report: Report): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'syndicard-bench-feeds-'));
  const seed = await loadSeed('https://www.entertainmentdaily.example/media/hero.jpg');
  const store = createSqliteStore({
    path: join(dir, 'feeds.db'),
    contentRules: feedContentRules({ language: seed.site.language }),
  });
  try {
    await store.importMany(feedArticles(seed.article, 60));
    const iterations = scaled(options, 100, 20);
    const fallbackUpdated = new Date('2024-01-01T00:00:00Z');
    const baseline = await measureAsync(async () => JSON.stringify(await store.latest({ limit: 50 })), {
      warmup: 20,
      iterations,
    });
    report.timing(SECTION, 'baseline: latest(50) + JSON.stringify', baseline);
    const peer = await measureAsync(async () => feedPackageRss(await store.latest({ limit: 50 })), {
      warmup: 20,
      iterations,
    });
    report.timing(SECTION, 'peer: latest(50) + the feed package, RSS', peer, {
      vsBaseline: `${(peer.median / baseline.median).toFixed(1)}× the baseline`,
      note: 'stored HTML, no namespaces',
    });
    // What the server does after a write: the feed service rebuilds with prepared entries of unchanged records
    // (src/feeds/model/ itemCache), reading the 50 records from the store again. One record changes each time.
    const service = createFeedService({ store, site: seed.site, baseUrl: 'http://127.0.0.1:3000', limit: 50 });
    const [first] = feedArticles(seed.article, 1);
    let edit = 0;
    for (const format of FEED_FORMATS) {
      await service.get(format);
      const rebuild = await measureAsync(
        async () => {
          await store.put({ ...first!, headline: `${first!.headline} (edit ${edit++})` });
          await service.get(format);
        },
        { warmup: 20, iterations },
      );
      report.timing(SECTION, `syndicard ${format}, rebuild after one edit (server path)`, rebuild, {
        vsBaseline: `${(rebuild.median / baseline.median).toFixed(1)}× the baseline`,
        note: 'includes the store write and its sanitising',
      });
      report.target(
        `feed rebuild after an edit, ${format} (50 items, median)`,
        `< ${TARGET_REBUILD_MS} ms`,
        `${rebuild.median.toFixed(2)} ms`,
        rebuild.median < TARGET_REBUILD_MS,
      );
    }
    for (const format of FEED_FORMATS) {
      let bytes = 0;
      const timing = await measureAsync(
        async () => {
          const items = await store.latest({ limit: 50 });
          // The feed service's own assembly (UTF-8 bytes, what it serves), with no item cache: every item rendered.
          bytes = assembleFeed({
            format,
            site: seed.site,
            baseUrl: 'http://127.0.0.1:3000',
            items,
            fallbackUpdated,
          }).length;
        },
        { warmup: 20, iterations },
      );
      report.timing(SECTION, `syndicard ${format}, 50 items, nothing prepared`, timing, {
        vsBaseline: `${(timing.median / baseline.median).toFixed(1)}× the baseline, ${(timing.median / peer.median).toFixed(2)}× the feed package`,
        note: `${(bytes / 1024).toFixed(0)} KB`,
      });
      report.target(
        `feed build from scratch, ${format} (50 items, median)`,
        `< ${TARGET_SCRATCH_MS} ms`,
        `${timing.median.toFixed(2)} ms`,
        timing.median < TARGET_SCRATCH_MS,
      );
    }
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The `feed` package given the same records the way its API takes them, with the HTML stored at ingest. */
function feedPackageRss(items: readonly StoredArticle[]): string {
  const feed = new Feed({ id: 'http://127.0.0.1:3000/feed.rss', title: 'Peer', link: 'https://peer.example/' });
  for (const { article, published } of items) {
    feed.addItem({
      title: article.headline,
      id: article.url,
      link: article.url,
      date: new Date(article.updatedAt ?? article.publishedAt),
      published: new Date(article.publishedAt),
      ...(article.standfirst ? { description: article.standfirst } : {}),
      content: published?.html ?? '',
      category: [...(article.section ? [article.section] : []), ...article.tags].map((name) => ({ name })),
    });
  }
  return feed.rss2();
}
