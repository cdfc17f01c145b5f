import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { ArticleStore, Scope, Site, StoredArticle } from '../articles/index.js';
import { assembleFeed } from './build-feed.js';
import type { FeedBody } from './feed-body.js';
import { FEED_CONTENT_TYPES, type FeedFormat } from './formats.js';
import type { ArchivePosition, PreparedItem } from './model/index.js';

export interface FeedDocument {
  /** The document's bytes, as parts (item fragments shared with other documents) and joined on demand. */
  body: FeedBody;
  contentType: string;
  /** Strong validator, quoted, derived from the body (RFC 9110 section 8.8.3). */
  etag: string;
  lastModified: Date;
  /**
   * True for an archive page that is full (RFC 5005 section 4): new articles never change which articles it holds,
   * so caches may keep it long. False for the current feed and for the newest, still filling archive page.
   */
  fullArchivePage: boolean;
}

export interface FeedService {
  /** The feed, or undefined when nothing in the store has this scope. */
  get(format: FeedFormat, scope?: Scope): Promise<FeedDocument | undefined>;
  /** Archive page `page` (1 = the oldest), or undefined when there is no such page. */
  getArchive(format: FeedFormat, scope: Scope | undefined, page: number): Promise<FeedDocument | undefined>;
}

export interface FeedServiceDeps {
  store: ArticleStore;
  site: Site;
  baseUrl: string;
  /** Items per feed. */
  limit: number;
  /** Articles per archive page (RFC 5005); pages are counted from the oldest article. Default 100. */
  archivePageSize?: number;
  /** WebSub hubs every current feed and archive page advertises. */
  hubs?: readonly string[];
  /** Hosts whose embeds become links in items (SYNDICARD_EMBED_HOSTS). */
  embedHosts?: readonly string[];
  /** Called after each build (for metrics): a poll served from the built document calls nothing. */
  onBuild?: (event: { format: FeedFormat; seconds: number }) => void;
}

interface CacheEntry {
  revision: number;
  document: Promise<FeedDocument | undefined>;
}

export const DEFAULT_ARCHIVE_PAGE_SIZE = 100;

/** Distinct (format, scope) pairs kept; each holds one built document. */
const MAX_CACHED_FEEDS = 1000;
/**
 * Prepared items kept: the entry (its HTML is the store's string, not a copy) and up to three fragments as bytes,
 * ~15 KB for a 6 KB body. 2000 hold the items of hundreds of overlapping scoped feeds in ~30 MB at most, about what
 * 5000 entries without fragments took before.
 */
const MAX_CACHED_ITEMS = 2000;

/**
 * Feeds are polled far more often than articles change, so a built document is kept until the store's revision
 * moves: a poll costs one `state()` call and no query or rendering. The promise is cached, so concurrent polls of a
 * cold feed build it once; a failed build is forgotten so the next request retries.
 */
export function createFeedService(deps: FeedServiceDeps): FeedService {
  const cache = new LRUCache<string, CacheEntry>({ max: MAX_CACHED_FEEDS });
  const itemCache = new LRUCache<string, PreparedItem>({ max: MAX_CACHED_ITEMS });

  const { store, limit, archivePageSize: size = DEFAULT_ARCHIVE_PAGE_SIZE } = deps;
  const pagesFor = (total: number) => Math.ceil(Math.max(0, total - limit) / size);

  function render(
    format: FeedFormat,
    scope: Scope | undefined,
    name: string | undefined,
    items: StoredArticle[],
    archive: ArchivePosition,
    lastModified: Date,
    fullArchivePage: boolean,
  ): FeedDocument {
    const body = assembleFeed({
      format,
      site: deps.site,
      baseUrl: deps.baseUrl,
      items,
      ...(scope && name !== undefined ? { scope: { kind: scope.kind, slug: scope.slug, name } } : {}),
      fallbackUpdated: lastModified,
      itemCache,
      hubs: deps.hubs ?? [],
      archive,
      ...(deps.embedHosts ? { embedHosts: deps.embedHosts } : {}),
    });
    // The digest of the parts fed in order is the digest of the joined document.
    const hash = createHash('sha256');
    for (const part of body.parts) hash.update(part);
    const etag = `"${hash.digest('base64url').slice(0, 32)}"`;
    return { body, contentType: FEED_CONTENT_TYPES[format], etag, lastModified, fullArchivePage };
  }

  async function buildCurrent(format: FeedFormat, scope: Scope | undefined, changedAt: Date | undefined) {
    const name = scope ? await store.scopeName(scope) : undefined;
    if (scope && name === undefined) return undefined;
    const items = await store.latest({ limit, ...(scope ? { scope } : {}) });
    const newestPage = pagesFor(await store.count(scope ? { scope } : {}));
    // The store's change time moves on deletes too, which the newest remaining item would not show.
    const lastModified = changedAt ?? new Date(newestChange(items));
    return render(format, scope, name, items, newestPage > 0 ? { prev: newestPage } : {}, lastModified, false);
  }

  async function buildArchive(format: FeedFormat, scope: Scope | undefined, page: number) {
    const name = scope ? await store.scopeName(scope) : undefined;
    if (scope && name === undefined) return undefined;
    const { total, items } = await store.archivePage({
      size,
      index: page - 1,
      keepNewest: limit,
      ...(scope ? { scope } : {}),
    });
    const pages = pagesFor(total);
    if (items.length === 0 || page > pages) return undefined;
    const archive = { page, ...(page > 1 ? { prev: page - 1 } : {}), ...(page < pages ? { next: page + 1 } : {}) };
    // Last-Modified of a page is its own newest change, so a full page keeps its validators when newer articles
    // arrive; feeds list the newest first, so the oldest-first page is reversed.
    const lastModified = new Date(newestChange(items));
    const full = page * size <= total - limit;
    return render(format, scope, name, items.toReversed(), archive, lastModified, full);
  }

  function cached(key: string, format: FeedFormat, revision: number, make: () => Promise<FeedDocument | undefined>) {
    const hit = cache.get(key);
    if (hit?.revision === revision) return hit.document;
    const started = performance.now();
    const document = make();
    if (deps.onBuild) {
      const onBuild = deps.onBuild;
      document.then(
        () => onBuild({ format, seconds: (performance.now() - started) / 1000 }),
        () => undefined,
      );
    }
    cache.set(key, { revision, document });
    document.catch(() => {
      // The caller of this get() receives the rejection; only the cache entry is dropped here.
      if (cache.get(key)?.document === document) cache.delete(key);
    });
    return document;
  }

  // Format and kind never contain a space, so whatever the slug holds the key is unambiguous.
  const keyOf = (format: FeedFormat, scope: Scope | undefined) =>
    scope ? `${format} ${scope.kind} ${scope.slug}` : format;

  return {
    async get(format, scope) {
      const { revision, changedAt } = await store.state();
      return cached(keyOf(format, scope), format, revision, () => buildCurrent(format, scope, changedAt));
    },
    async getArchive(format, scope, page) {
      if (!Number.isSafeInteger(page) || page < 1) return undefined;
      const { revision } = await store.state();
      return cached(`${keyOf(format, scope)} ${page}`, format, revision, () => buildArchive(format, scope, page));
    },
  };
}

function newestChange(items: readonly StoredArticle[]): number {
  return Math.max(0, ...items.map(({ article }) => Date.parse(article.updatedAt ?? article.publishedAt)));
}
