import type Database from 'better-sqlite3';
import { type ArticleKeyRow, type ArticleRow, COLUMNS, KEY_COLUMNS } from '../store/index.js';

/** The SQLite store's tables (PostgreSQL's are its migrations). */
export const SCHEMA = `
  CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    record TEXT NOT NULL,
    version TEXT NOT NULL,
    published_ms INTEGER NOT NULL,
    first_published_at TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    stored_at INTEGER NOT NULL,
    id_authority TEXT,
    published_html TEXT,
    published_rules TEXT
  ) STRICT;
  CREATE INDEX IF NOT EXISTS articles_newest ON articles (published_ms DESC, id DESC);
  CREATE TABLE IF NOT EXISTS article_scopes (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (kind, slug, article_id)
  ) STRICT;
  CREATE INDEX IF NOT EXISTS article_scopes_article ON article_scopes (article_id);
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
`;

/** Every statement of the SQLite store, prepared once per connection. */
export function prepareQueries(db: Database.Database) {
  return {
    get: db.prepare<[string], ArticleRow>(`SELECT ${COLUMNS} FROM articles WHERE id = ?`),
    getKeys: db.prepare<[string], ArticleKeyRow>(`SELECT ${KEY_COLUMNS} FROM articles WHERE id = ?`),
    insert: db.prepare(
      `INSERT INTO articles (id, record, version, published_ms, first_published_at, id_authority, created_at,
       stored_at, published_html, published_rules) VALUES (@id, @record, @version, @published_ms, @first_published_at,
       @id_authority, @now, @now, @published_html, @published_rules)`,
    ),
    // id_authority and first_published_at are never updated: the item id is fixed when first stored.
    update: db.prepare(
      `UPDATE articles SET record = @record, version = @version, published_ms = @published_ms, stored_at = @now,
       published_html = @published_html, published_rules = @published_rules WHERE id = @id`,
    ),
    // Records whose published HTML was computed under other content rules (or none), in id order, a batch at a time.
    stalePublished: db.prepare<[string, string, number], { id: string; record: string; version: string }>(
      `SELECT id, record, version FROM articles WHERE published_rules IS NOT ? AND id > ? ORDER BY id LIMIT ?`,
    ),
    setPublished: db.prepare(
      `UPDATE articles SET published_html = @html, published_rules = @rules WHERE id = @id AND version = @version`,
    ),
    delete: db.prepare<[string]>('DELETE FROM articles WHERE id = ?'),
    deleteScopes: db.prepare<[string]>('DELETE FROM article_scopes WHERE article_id = ?'),
    insertScope: db.prepare(
      'INSERT OR IGNORE INTO article_scopes (article_id, kind, slug, name) VALUES (@id, @kind, @slug, @name)',
    ),
    after: db.prepare<[number, string, number], ArticleRow>(
      `SELECT ${COLUMNS} FROM articles WHERE (published_ms, id) < (?, ?) ORDER BY published_ms DESC, id DESC LIMIT ?`,
    ),
    // The newest rows' key columns only: feeds read the same rows after every write, their records mostly cached.
    latestKeys: db.prepare<[number], ArticleKeyRow>(
      `SELECT ${KEY_COLUMNS} FROM articles ORDER BY published_ms DESC, id DESC LIMIT ?`,
    ),
    latestKeysInScope: db.prepare<[string, string, number], ArticleKeyRow>(
      `SELECT ${KEY_COLUMNS.replace(/(\w+)/g, 'a.$1')} FROM article_scopes s JOIN articles a ON a.id = s.article_id
       WHERE s.kind = ? AND s.slug = ? ORDER BY a.published_ms DESC, a.id DESC LIMIT ?`,
    ),
    latest: db.prepare<[number], ArticleRow>(
      `SELECT ${COLUMNS} FROM articles ORDER BY published_ms DESC, id DESC LIMIT ?`,
    ),
    // Archive pages walk the same order as `latest`, reversed: oldest first.
    oldest: db.prepare<[number, number], ArticleRow>(
      `SELECT ${COLUMNS} FROM articles ORDER BY published_ms ASC, id ASC LIMIT ? OFFSET ?`,
    ),
    oldestInScope: db.prepare<[string, string, number, number], ArticleRow>(
      `SELECT ${COLUMNS.replace(/(\w+)/g, 'a.$1')} FROM article_scopes s JOIN articles a ON a.id = s.article_id
       WHERE s.kind = ? AND s.slug = ? ORDER BY a.published_ms ASC, a.id ASC LIMIT ? OFFSET ?`,
    ),
    countInScope: db.prepare<[string, string], { n: number }>(
      'SELECT count(*) AS n FROM article_scopes WHERE kind = ? AND slug = ?',
    ),
    scopeName: db.prepare<[string, string], { name: string }>(
      'SELECT name FROM article_scopes WHERE kind = ? AND slug = ? ORDER BY name LIMIT 1',
    ),
    count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM articles'),
    // Prepared once: db.pragma() prepares a statement per call, and state() runs on every feed poll.
    dataVersion: db.prepare('PRAGMA data_version').pluck(),
    getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
    setMeta: db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
  };
}
