import { type Article, type ContentRules, type StoredArticle, slugOf } from '../../articles/index.js';
import { DEFAULT_IMAGE_TYPE, escapeHtml, feedContentRules, imageMediaType } from '../content/index.js';
import { scopeBasePath } from '../formats.js';
import { clean, normalizeUrl, present } from './feed-text.js';
import type { BuildFeedOptions, FeedCategory, FeedEntry, FeedImage, PreparedItem } from './model.js';

/** Records → feed entries: one format-neutral entry per record, kept per record version by the feed service. */

/**
 * The permanent item id (RFC 4151): `tag:<authority>,<date first published, UTC>:<article id>`. Every part is a
 * stored fact fixed when the article was first stored (its authority, its first `publishedAt`, its id), so
 * correcting `publishedAt`, the headline or the URL, or moving the service to another host, changes nothing.
 */
export function articleTagUri(stored: StoredArticle): string {
  const date = new Date(stored.firstPublishedAt).toISOString().slice(0, 10);
  return `tag:${stored.idAuthority},${date}:${stored.article.id}`;
}

/**
 * The cache key of a record's prepared item: its content version and the stored facts outside the record that the
 * item shows (the `tag:` id is built from them, and a record deleted and stored again may get new ones).
 */
export function itemKey(stored: StoredArticle): string {
  return `${stored.version} ${stored.firstPublishedAt} ${stored.idAuthority}`;
}

/** Each record's prepared item, from the cache when it holds one for this record version. */
export function prepareItems(options: BuildFeedOptions): PreparedItem[] {
  const rules = feedContentRules({
    ...(options.embedHosts ? { embedHosts: options.embedHosts } : {}),
    language: options.site.language,
  });
  return options.items.map((stored) => {
    const key = itemKey(stored);
    const hit = options.itemCache?.get(key);
    if (hit) return hit;
    const item: PreparedItem = { entry: buildEntry(options, stored, rules), bytes: {} };
    options.itemCache?.set(key, item);
    return item;
  });
}

function buildEntry(options: BuildFeedOptions, stored: StoredArticle, rules: ContentRules): FeedEntry {
  const { article } = stored;
  const published = new Date(article.publishedAt);
  const summary = present(article.standfirst);
  return {
    id: articleTagUri(stored),
    url: normalizeUrl(article.url),
    title: clean(article.headline),
    ...(summary ? { summary } : {}),
    contentHtml: publishedHtml(rules, stored),
    published,
    updated: article.updatedAt ? new Date(article.updatedAt) : published,
    ...(article.language ? { language: article.language } : {}),
    authors: article.authors.map((author) => ({
      name: clean(author.name),
      ...(author.url ? { url: normalizeUrl(author.url) } : {}),
      ...(author.email ? { email: clean(author.email) } : {}),
    })),
    categories: buildCategories(article, options.baseUrl),
    ...(article.image ? { image: buildImage(article.image) } : {}),
  };
}

/**
 * The item's HTML as the store computed it at ingest, when it did so under the rules this feed applies; otherwise
 * (a store without rules, a record written by a process with other settings) computed here.
 */
function publishedHtml(rules: ContentRules, stored: StoredArticle): string {
  const { published } = stored;
  return published?.rules === rules.version ? published.html : rules.render(stored.article);
}

function buildCategories(article: Article, baseUrl: string): FeedCategory[] {
  const named: Array<['section' | 'tag', string]> = [];
  if (article.section) named.push(['section', article.section]);
  for (const tag of article.tags) named.push(['tag', tag]);
  return named.map(([kind, name]) => ({
    name: clean(name),
    term: clean(slugOf(name) || name),
    scheme: `${baseUrl}${scopeBasePath(kind)}`,
  }));
}

function buildImage(image: NonNullable<Article['image']>): FeedImage {
  const url = normalizeUrl(image.url);
  const type = imageMediaType(url) ?? DEFAULT_IMAGE_TYPE;
  const description = present(image.caption) ?? present(image.alt);
  const credit = present(image.credit);
  return {
    url,
    ...(type ? { type } : {}),
    ...(image.width ? { width: image.width } : {}),
    ...(image.height ? { height: image.height } : {}),
    ...(description ? { description } : {}),
    ...(image.alt ? { alt: clean(image.alt) } : {}),
    ...(credit ? { credit } : {}),
  };
}

/** The standfirst as HTML, for the formats whose summary is HTML (RSS `description`). */
export function summaryHtml(entry: FeedEntry): string | undefined {
  return entry.summary === undefined ? undefined : escapeHtml(entry.summary);
}
