import { AppError, UnavailableError } from '../../errors.js';
import type { Article } from '../record/index.js';

/**
 * The storage seam. Feeds, cards and HTTP see only this interface, never SQLite, so a PostgreSQL store can be added
 * beside `createSqliteStore` without touching them. Every method is async for that reason.
 */

export interface StoredArticle {
  article: Article;
  /** Content hash of the validated record: changes exactly when something in it changes. */
  version: string;
  /** When this service first stored the article (store clock). */
  createdAt: Date;
  /** When the stored record last changed (store clock). */
  storedAt: Date;
  /**
   * `publishedAt` as it was first stored. Feeds build the article's permanent `tag:` URI from it (RFC 4151 needs a
   * date), so correcting the published time later does not change the item id and readers see no duplicate.
   */
  firstPublishedAt: string;
  /**
   * The `tag:` authority (a domain name, RFC 4151 section 2.1) the article was first stored under, kept with it like
   * `firstPublishedAt`: the item id depends only on stored facts, never on where the service listens today.
   */
  idAuthority: string;
  /**
   * What the feeds publish for this record (its body sanitised and made absolute), computed at ingest under the
   * content rules named by `rules`. Absent when the store was given no rules when it wrote the record. Readers use
   * it only when `rules` is the version they would apply themselves, else they compute it.
   */
  published?: PublishedContent;
}

export interface PublishedContent {
  /** The `ContentRules.version` it was computed under. */
  rules: string;
  html: string;
}

/**
 * How a record's published HTML is derived, handed to a store by its owner (the feeds define it; the store only
 * runs it). A store computes it on every write, and at open recomputes every record stored under another version,
 * so feed builds only read it.
 */
export interface ContentRules {
  /** Names the rules: it must change whenever `render` could give another result for the same record. */
  version: string;
  render(article: Article): string;
}

export type ScopeKind = 'section' | 'author' | 'tag';

export interface Scope {
  kind: ScopeKind;
  slug: string;
}

export interface PutResult {
  /** True when no article had this id before. */
  created: boolean;
  /** False when the record was identical to the stored one (an idempotent repeat). */
  changed: boolean;
  stored: StoredArticle;
}

export interface ImportResult {
  created: number;
  replaced: number;
  unchanged: number;
}

export interface StoreState {
  /** Increases on every change (put that changed something, delete). Caches key on it. */
  revision: number;
  /** When the last change happened, deletes included; undefined for a store that never changed. */
  changedAt: Date | undefined;
  count: number;
}

export interface ListPage {
  items: StoredArticle[];
  /** Opaque; pass it back to get the next page. Absent on the last page. */
  nextCursor?: string;
}

/**
 * One page of a scope's archive (RFC 5005 archived feeds). Pages are counted from the OLDEST article, in
 * ascending (publishedAt, id) order, so a new article (which sorts last) never changes which articles an earlier
 * page holds; the newest `keepNewest` articles belong to the current feed and to no page.
 */
export interface ArchivePageQuery {
  scope?: Scope;
  /** Articles per page, at least 1. */
  size: number;
  /** 0 is the oldest page. */
  index: number;
  /** How many of the newest articles the current feed shows (they are left out of every page). */
  keepNewest: number;
}

export interface ArchivePage {
  /** Articles in the scope, all of them, read together with `items` (one consistent snapshot). */
  total: number;
  /**
   * Oldest first by (publishedAt, id): the articles at ascending ranks `[index * size, min((index + 1) * size,
   * total - keepNewest))`. Empty when the page lies past the end.
   */
  items: StoredArticle[];
}

export interface ArticleStore {
  put(article: Article): Promise<PutResult>;
  get(id: string): Promise<StoredArticle | undefined>;
  delete(id: string): Promise<boolean>;
  /** Newest first (by `publishedAt`, then id), paged with a cursor. */
  list(options: { limit: number; cursor?: string }): Promise<ListPage>;
  /** The newest `limit` articles, site-wide or within one section, author or tag. */
  latest(options: { limit: number; scope?: Scope }): Promise<StoredArticle[]>;
  /** How many articles the store holds, site-wide or within one section, author or tag. */
  count(options: { scope?: Scope }): Promise<number>;
  /** One archive page; see ArchivePageQuery. Ordered exactly as `latest` reversed, so together they partition. */
  archivePage(query: ArchivePageQuery): Promise<ArchivePage>;
  /** The display name behind a scope's slug (`true-crime` → `True crime`), or undefined if nothing has it. */
  scopeName(scope: Scope): Promise<string | undefined>;
  /** Stores many records in one transaction; callers keep batches small, since it holds the write lock meanwhile. */
  importMany(articles: readonly Article[]): Promise<ImportResult>;
  state(): Promise<StoreState>;
  /**
   * What `state()` would answer right now without asking the database: its cached state while that is fresh (within
   * the same staleness bound `state()` keeps), else undefined, and then `state()` must be asked. Synchronous, for the
   * feed fast path (src/http/fast-path.ts), which answers a settled 304 within the socket's read callback when this
   * gives a state, rather than one promise and microtask later. Optional: a store without it is asked through
   * `state()` every time.
   */
  peekState?(): StoreState | undefined;
  /**
   * Readiness: resolves when the store can be read and written right now (a cheap read and a tiny committed write),
   * otherwise throws a StoreUnavailableError saying why. Callers cache the answer for a moment.
   */
  probe(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Why a store cannot serve a request. Every store implementation answers with these codes, never with its
 * driver's own errors, so HTTP can turn them into a 503 with Retry-After and clients can act on the code:
 * - STORE_BUSY: another writer held the lock past the busy timeout; retry shortly.
 * - STORE_CORRUPT: the store found damaged data; readiness is off until an operator restores it.
 * - STORE_READ_ONLY: the database cannot be written (file or file system read-only).
 * - STORE_FULL: the disk is full.
 * - STORE_UNAVAILABLE: any other failure to reach the database (I/O error, connection refused).
 */
export type StoreFaultCode = 'STORE_BUSY' | 'STORE_CORRUPT' | 'STORE_READ_ONLY' | 'STORE_FULL' | 'STORE_UNAVAILABLE';

/** Suggested Retry-After per fault, in seconds: a busy lock clears in moments, damage needs an operator. */
export const STORE_RETRY_AFTER: Record<StoreFaultCode, number> = {
  STORE_BUSY: 1,
  STORE_CORRUPT: 300,
  STORE_READ_ONLY: 300,
  STORE_FULL: 300,
  STORE_UNAVAILABLE: 30,
};

export class StoreUnavailableError extends UnavailableError {
  declare readonly code: StoreFaultCode;

  constructor(code: StoreFaultCode, message: string, cause?: unknown) {
    super(code, message, STORE_RETRY_AFTER[code], cause);
  }
}

/** A malformed pagination cursor: the client's fault, answered 400. */
export class InvalidCursorError extends AppError {
  constructor(cursor: string) {
    super('INVALID_CURSOR', `cursor "${cursor.slice(0, 80)}" is not one this service handed out`);
  }
}
