import { isDeepStrictEqual } from 'node:util';
import type { Article, ArticleStore, StoredArticle } from '../articles/index.js';
import type { HubPublisher } from './hub-publisher.js';
import { feedTopics } from './topics.js';

/** Previous records looked up at once during an import (a PostgreSQL pool serves them in parallel). */
const LOOKUP_CONCURRENCY = 32;

export interface PublishingStoreOptions {
  publisher: Pick<HubPublisher, 'publish'>;
  baseUrl: string;
  /** A failed look-up of the previous record is logged, never allowed to fail the write. */
  onLookupError?: (err: unknown, id: string) => void;
}

/**
 * The store, with every committed change handed to the WebSub publisher: the feeds the article is in now and the
 * ones it was in before (a section or tag moved, or the article deleted). It wraps only this process's writes, so
 * with several instances on one database only the instance that made a write pings; changes that arrive through
 * cross-instance notifications are never published twice.
 *
 * The previous record is read just before the write. Two concurrent writes to one id can each miss the other's
 * scopes; the debounce window usually joins them into one batch, and the next write to the article covers the rest.
 */
export function publishingStore(store: ArticleStore, options: PublishingStoreOptions): ArticleStore {
  const { publisher, baseUrl } = options;

  async function previous(id: string): Promise<StoredArticle | undefined> {
    try {
      return await store.get(id);
    } catch (err) {
      options.onLookupError?.(err, id);
      return undefined;
    }
  }

  const topicsOf = (...articles: Array<Article | undefined>) =>
    articles.flatMap((article) => (article ? feedTopics(article, baseUrl) : []));

  const overrides: Partial<ArticleStore> = {
    async put(article) {
      const before = await previous(article.id);
      const result = await store.put(article);
      if (result.changed) publisher.publish(topicsOf(before?.article, result.stored.article));
      return result;
    },
    async delete(id) {
      const before = await previous(id);
      const removed = await store.delete(id);
      if (removed) publisher.publish(topicsOf(before?.article));
      return removed;
    },
    async importMany(articles) {
      const before = new Map<string, StoredArticle | undefined>();
      for (let i = 0; i < articles.length; i += LOOKUP_CONCURRENCY) {
        const slice = articles.slice(i, i + LOOKUP_CONCURRENCY);
        const found = await Promise.all(slice.map((article) => previous(article.id)));
        for (const [k, article] of slice.entries()) before.set(article.id, found[k]);
      }
      const result = await store.importMany(articles);
      if (result.created + result.replaced === 0) return result;
      // The store counts what changed but not which; a record equal to what was stored changed nothing.
      const changed = articles.filter((article) => !isDeepStrictEqual(before.get(article.id)?.article, article));
      publisher.publish(changed.flatMap((article) => topicsOf(before.get(article.id)?.article, article)));
      return result;
    },
  };

  // A Proxy rather than a spread, so a store written as a class keeps its prototype methods and `this`.
  return new Proxy(store, {
    get(target, property, receiver) {
      const override = overrides[property as keyof ArticleStore];
      if (override) return override;
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
