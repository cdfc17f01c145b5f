import { LRUCache } from 'lru-cache';
import type { Article } from '../record/index.js';
import { InvalidCursorError, type PublishedContent, type StoredArticle } from './store.js';

/** Rows of the article table, as both stores read them, and their mapping to StoredArticle; cursors. */

export interface ArticleRow {
  id: string;
  record: string;
  version: string;
  created_at: number;
  stored_at: number;
  first_published_at: string;
  id_authority: string;
  published_ms: number;
  /** The record's published HTML and the content rules it was computed under (null: written without rules). */
  published_html: string | null;
  published_rules: string | null;
}

export const COLUMNS =
  'id, record, version, created_at, stored_at, first_published_at, id_authority, published_ms, published_html, published_rules';

/** The columns of a row without the record and its published HTML: enough to tell whether both are cached. */
export type ArticleKeyRow = Omit<ArticleRow, 'record' | 'published_html'>;

export const KEY_COLUMNS =
  'id, version, created_at, stored_at, first_published_at, id_authority, published_ms, published_rules';

/**
 * Parsed records by content version. Feed rebuilds read the same 50 records again after every write; parsing them
 * was a third of a rebuild. Entries are immutable (a new version is a new key), and callers never mutate records.
 */
const PARSED_MAX = 2000;

export interface RowMapper {
  (row: ArticleRow): StoredArticle;
  /**
   * The stored article from its key columns alone, when its record and published HTML (under the rules the row
   * names) are cached from an earlier read; undefined when the full row must be read. Reading the two large columns
   * of 50 rows again after every write was the largest cost of a feed rebuild.
   */
  fromKeys(row: ArticleKeyRow): StoredArticle | undefined;
}

export function createRowMapper(): RowMapper {
  const parsed = new LRUCache<string, Article>({ max: PARSED_MAX });
  const published = new LRUCache<string, PublishedContent>({ max: PARSED_MAX });
  const stored = (row: ArticleKeyRow, article: Article, content: PublishedContent | undefined): StoredArticle => ({
    article,
    version: row.version,
    createdAt: new Date(row.created_at),
    storedAt: new Date(row.stored_at),
    firstPublishedAt: row.first_published_at,
    idAuthority: row.id_authority,
    ...(content ? { published: content } : {}),
  });
  const map = (row: ArticleRow): StoredArticle => {
    let article = parsed.get(row.version);
    if (!article) {
      article = JSON.parse(row.record) as Article;
      parsed.set(row.version, article);
    }
    let content: PublishedContent | undefined;
    if (row.published_rules !== null && row.published_html !== null) {
      content = { rules: row.published_rules, html: row.published_html };
      published.set(row.version, content);
    }
    return stored(row, article, content);
  };
  map.fromKeys = (row: ArticleKeyRow): StoredArticle | undefined => {
    const article = parsed.get(row.version);
    if (!article) return undefined;
    if (row.published_rules === null) return stored(row, article, undefined);
    const content = published.get(row.version);
    return content?.rules === row.published_rules ? stored(row, article, content) : undefined;
  };
  return map;
}

export function encodeCursor(publishedMs: number, id: string): string {
  return Buffer.from(JSON.stringify([publishedMs, id])).toString('base64url');
}

export function decodeCursor(cursor: string): [number, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && Number.isSafeInteger(value[0]) && typeof value[1] === 'string') {
      return [value[0], value[1]];
    }
  } catch {
    // Not base64url JSON: reported below as the client's mistake.
  }
  throw new InvalidCursorError(cursor);
}
