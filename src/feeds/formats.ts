import type { Scope, ScopeKind } from '../articles/index.js';

/** The three syndication formats we serve, their media types and the file name that ends their path. */

export type FeedFormat = 'rss' | 'atom' | 'json';

export const FEED_FORMATS: readonly FeedFormat[] = Object.freeze(['rss', 'atom', 'json'] as const);

/**
 * Media types registered for each format: RSS has no IANA registration but `application/rss+xml` is what readers
 * expect; Atom is RFC 4287 section 7; JSON Feed 1.1 names `application/feed+json`.
 */
export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = Object.freeze({
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
});

export const FEED_FILE: Record<FeedFormat, string> = Object.freeze({
  rss: 'feed.rss',
  atom: 'feed.atom',
  json: 'feed.json',
});

/** A section, author or tag feed; `name` is the display name shown in the feed title. */
export interface FeedScope {
  kind: ScopeKind;
  slug: string;
  name: string;
}

const SCOPE_SEGMENT: Record<ScopeKind, string> = { section: 'sections', author: 'authors', tag: 'tags' };

/**
 * The path a feed is served at: `/feed.rss`, `/sections/news/feed.rss`, `/tags/true-crime/feed.json`. Slugs of
 * scripts the transliterator keeps (CJK, Arabic…) are percent-encoded so the path is a valid URL path.
 */
export function feedPath(format: FeedFormat, scope?: Scope): string {
  const file = FEED_FILE[format];
  if (!scope) return `/${file}`;
  return `/${SCOPE_SEGMENT[scope.kind]}/${encodeURIComponent(scope.slug)}/${file}`;
}

/**
 * Where archive page `page` (1 = the oldest, RFC 5005 section 4) of a feed is served: `/archive/3/feed.atom`,
 * `/tags/true-crime/archive/3/feed.atom`. A path rather than a query string, so every cache keys it the same way.
 */
export function archivePath(format: FeedFormat, scope: Scope | undefined, page: number): string {
  const base = scope ? `/${SCOPE_SEGMENT[scope.kind]}/${encodeURIComponent(scope.slug)}` : '';
  return `${base}/archive/${page}/${FEED_FILE[format]}`;
}

/** The path prefix of a scope kind, used as the Atom category scheme: `/sections/`, `/tags/`. */
export function scopeBasePath(kind: ScopeKind): string {
  return `/${SCOPE_SEGMENT[kind]}/`;
}
