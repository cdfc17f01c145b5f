import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { ArticleStore, Scope, Site } from '../articles/index.js';
import { buildFeed } from './build-feed.js';
import { FEED_CONTENT_TYPES, type FeedFormat } from './formats.js';
import type { FeedEntry } from './model.js';

export interface FeedDocument {
  body: Buffer;
  contentType: string;
  /** Strong validator, quoted, derived from the body (RFC 9110 section 8.8.3). */
  etag: string;
  lastModified: Date;
}

export interface FeedService {
  /** The feed, or undefined when nothing in the store has this scope. */
  get(format: FeedFormat, scope?: Scope): Promise<FeedDocument | undefined>;
}

export interface FeedServiceDeps {
  store: ArticleStore;
  site: Site;
  baseUrl: string;
  /** Items per feed. */
  limit: number;
}

interface CacheEntry {
  revision: number;
  document: Promise<FeedDocument | undefined>;
}

/** Distinct (format, scope) pairs kept; each holds one built document. */
const MAX_CACHED_FEEDS = 1000;
/** Prepared entries kept (a few KB each): enough for every item of many scoped feeds. */
const MAX_CACHED_ENTRIES = 5000;

/**
 * Feeds are polled far more often than articles change, so a built document is kept until the store's revision
 * moves: a poll costs one `state()` call and no query or rendering. The promise is cached, so concurrent polls of a
 * cold feed build it once; a failed build is forgotten so the next request retries.
 */
export function createFeedService(deps: FeedServiceDeps): FeedService {
  const cache = new LRUCache<string, CacheEntry>({ max: MAX_CACHED_FEEDS });
  const entryCache = new LRUCache<string, FeedEntry>({ max: MAX_CACHED_ENTRIES });

  async function build(format: FeedFormat, scope: Scope | undefined, changedAt: Date | undefined) {
    const name = scope ? await deps.store.scopeName(scope) : undefined;
    if (scope && name === undefined) return undefined;
    const items = await deps.store.latest({ limit: deps.limit, ...(scope ? { scope } : {}) });
    const newestItem = Math.max(0, ...items.map(({ article }) => Date.parse(article.updatedAt ?? article.publishedAt)));
    // The store's change time moves on deletes too, which the newest remaining item would not show.
    const lastModified = changedAt ?? new Date(newestItem);
    const body = Buffer.from(
      buildFeed({
        format,
        site: deps.site,
        baseUrl: deps.baseUrl,
        items,
        ...(scope && name !== undefined ? { scope: { kind: scope.kind, slug: scope.slug, name } } : {}),
        fallbackUpdated: lastModified,
        entryCache,
      }),
      'utf8',
    );
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
    return { body, contentType: FEED_CONTENT_TYPES[format], etag, lastModified };
  }

  return {
    async get(format, scope) {
      const { revision, changedAt } = await deps.store.state();
      // Format and kind never contain a space, so whatever the slug holds the key is unambiguous.
      const key = scope ? `${format} ${scope.kind} ${scope.slug}` : format;
      const cached = cache.get(key);
      if (cached?.revision === revision) return cached.document;
      const document = build(format, scope, changedAt);
      cache.set(key, { revision, document });
      document.catch(() => {
        // The caller of this get() receives the rejection; only the cache entry is dropped here.
        if (cache.get(key)?.document === document) cache.delete(key);
      });
      return document;
    },
  };
}
