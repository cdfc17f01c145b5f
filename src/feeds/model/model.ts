import type { Site, StoredArticle } from '../../articles/index.js';
import { archivePath, type FeedFormat, type FeedScope, feedPath } from '../formats.js';
import { clean, normalizeUrl, present } from './feed-text.js';

/**
 * One format-neutral description of a feed, computed once from the records. The three renderers only map it to
 * their wire names, so ids, dates and texts cannot drift apart between formats.
 */

export interface BuildFeedOptions {
  format: FeedFormat;
  site: Site;
  /** Public origin of syndicard, no trailing slash, e.g. `http://127.0.0.1:3000`. */
  baseUrl: string;
  /** Already newest first and limited. */
  items: StoredArticle[];
  /** Undefined for the site-wide feed. */
  scope?: FeedScope;
  /** The feed's updated time when there are no items; never "now", so output stays deterministic. */
  fallbackUpdated: Date;
  /**
   * Items already prepared, by `itemKey` (the record's content version and its stored facts). An item depends only
   * on the record, the site and the base URL, which are fixed for one feed service, so rebuilding a feed after one
   * article changed prepares and renders one item instead of fifty.
   */
  itemCache?: ItemCache;
  /** WebSub hubs the feed advertises (W3C WebSub section 4), in order. */
  hubs?: readonly string[];
  /** Hosts whose embeds become links in the items (SYNDICARD_EMBED_HOSTS); the defaults when left out. */
  embedHosts?: readonly string[];
  /**
   * Where this document sits in the RFC 5005 archive. The current feed sets only `prev` (the newest archive page,
   * when there is one); an archive page sets `page` and its older (`prev`) and newer (`next`) neighbours.
   */
  archive?: ArchivePosition;
}

export interface ArchivePosition {
  /** This document's archive page, 1 = the oldest; undefined for the current (subscription) feed. */
  page?: number;
  prev?: number;
  next?: number;
}

/** One record made ready for feeds: its format-neutral entry and, once rendered, its fragment in each format. */
export interface PreparedItem {
  entry: FeedEntry;
  /** The item's fragment in each format rendered so far, as UTF-8 (documents are assembled as bytes). */
  bytes: Partial<Record<FeedFormat, Buffer>>;
}

export interface ItemCache {
  get(key: string): PreparedItem | undefined;
  set(key: string, item: PreparedItem): unknown;
}

export interface FeedPerson {
  name: string;
  url?: string;
  email?: string;
}

export interface FeedCategory {
  name: string;
  /** The scope slug, so `scheme + term` is the category's own feed path. */
  term: string;
  scheme: string;
}

export interface FeedImage {
  url: string;
  type?: string;
  width?: number;
  height?: number;
  /** Caption, else alt text: what Media RSS calls the description. */
  description?: string;
  alt?: string;
  credit?: string;
}

export interface FeedEntry {
  /** RFC 4151 tag URI that never changes for the article. */
  id: string;
  url: string;
  title: string;
  /** Plain text (the standfirst). */
  summary?: string;
  /** Sanitised HTML, hero figure first. */
  contentHtml: string;
  published: Date;
  updated: Date;
  language?: string;
  authors: FeedPerson[];
  categories: FeedCategory[];
  image?: FeedImage;
}

export interface FeedModel {
  title: string;
  description: string;
  homeUrl: string;
  /** This document's own URL (`rel="self"`). */
  selfUrl: string;
  /** The subscription feed's URL: the feed's identity, equal to `selfUrl` except on archive pages. */
  currentUrl: string;
  /** RFC 5005: set on archive documents only (they carry `fh:archive` and `rel="current"`). */
  isArchive: boolean;
  /** RFC 5005 `prev-archive`: the next older archive page. JSON Feed calls it `next_url`. */
  prevArchiveUrl?: string;
  /** RFC 5005 `next-archive`: the next newer archive page (archive documents only). */
  nextArchiveUrl?: string;
  hubs: string[];
  language: string;
  copyright?: string;
  logo?: string;
  icon?: string;
  updated: Date;
  /** The publisher: Atom requires an author on the feed unless every entry has one (RFC 4287 section 4.1.1). */
  author: FeedPerson;
  generator: string;
  entries: FeedEntry[];
}

export const GENERATOR = 'syndicard';

export function buildFeedModel(options: BuildFeedOptions, entries: FeedEntry[]): FeedModel {
  const { site, scope, baseUrl } = options;
  const title = clean(scope ? `${site.name}: ${scope.name}` : site.name);
  let newest = Number.NEGATIVE_INFINITY;
  for (const entry of entries) newest = Math.max(newest, entry.updated.getTime());
  const copyright = present(site.copyright);
  const { format, archive = {} } = options;
  const pageUrl = (page: number | undefined) =>
    page === undefined ? undefined : normalizeUrl(`${baseUrl}${archivePath(format, scope, page)}`);
  const currentUrl = normalizeUrl(`${baseUrl}${feedPath(format, scope)}`);
  const prevArchiveUrl = pageUrl(archive.prev);
  const nextArchiveUrl = archive.page === undefined ? undefined : pageUrl(archive.next);
  return {
    title,
    description: present(site.description) ?? title,
    homeUrl: normalizeUrl(site.url),
    selfUrl: pageUrl(archive.page) ?? currentUrl,
    currentUrl,
    isArchive: archive.page !== undefined,
    ...(prevArchiveUrl ? { prevArchiveUrl } : {}),
    ...(nextArchiveUrl ? { nextArchiveUrl } : {}),
    hubs: (options.hubs ?? []).map(normalizeUrl),
    language: site.language,
    ...(copyright ? { copyright } : {}),
    ...(site.logo ? { logo: normalizeUrl(site.logo) } : {}),
    ...(site.icon ? { icon: normalizeUrl(site.icon) } : {}),
    updated: entries.length > 0 ? new Date(newest) : options.fallbackUpdated,
    author: { name: clean(site.name), url: normalizeUrl(site.url) },
    generator: GENERATOR,
    entries,
  };
}
