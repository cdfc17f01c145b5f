import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import { type Article, modifiedAt } from './schema.js';
import { slugOf } from './slug.js';
import {
  type ArchivePage,
  type ArchivePageQuery,
  type ArticleStore,
  type ImportResult,
  InvalidCursorError,
  type PutResult,
  type Scope,
  type ScopeKind,
  type StoredArticle,
  type StoreState,
} from './store.js';

export interface SqliteStoreOptions {
  /** A file path, or ':memory:' for tests. */
  path: string;
  clock?: () => Date;
}

interface ArticleRow {
  id: string;
  record: string;
  version: string;
  created_at: number;
  stored_at: number;
  first_published_at: string;
  published_ms: number;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    record TEXT NOT NULL,
    version TEXT NOT NULL,
    published_ms INTEGER NOT NULL,
    modified_ms INTEGER NOT NULL,
    first_published_at TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    stored_at INTEGER NOT NULL
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

/** How stale another process's write may look to state(); our own writes are seen at once. */
const EXTERNAL_CHECK_MS = 200;

const COLUMNS = 'id, record, version, created_at, stored_at, first_published_at, published_ms';

/**
 * The embedded default store: one SQLite file in WAL mode. Every write is one transaction, so a failure leaves the
 * previous record in place; `PRAGMA data_version` lets `state()` notice writes from another process (the CLI
 * importing while the server runs) without a query on every poll.
 */
export function createSqliteStore(options: SqliteStoreOptions): ArticleStore {
  const clock = options.clock ?? (() => new Date());
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const db = new Database(options.path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);

  const parse = createParsedCache();
  const toStored = (row: ArticleRow) => toStoredWith(parse, row);

  const q = {
    get: db.prepare<[string], ArticleRow>(`SELECT ${COLUMNS} FROM articles WHERE id = ?`),
    insert: db.prepare(
      `INSERT INTO articles (id, record, version, published_ms, modified_ms, first_published_at, created_at, stored_at)
       VALUES (@id, @record, @version, @published_ms, @modified_ms, @first_published_at, @now, @now)`,
    ),
    update: db.prepare(
      `UPDATE articles SET record = @record, version = @version, published_ms = @published_ms,
       modified_ms = @modified_ms, stored_at = @now WHERE id = @id`,
    ),
    delete: db.prepare<[string]>('DELETE FROM articles WHERE id = ?'),
    deleteScopes: db.prepare<[string]>('DELETE FROM article_scopes WHERE article_id = ?'),
    insertScope: db.prepare(
      'INSERT OR IGNORE INTO article_scopes (article_id, kind, slug, name) VALUES (@id, @kind, @slug, @name)',
    ),
    after: db.prepare<[number, string, number], ArticleRow>(
      `SELECT ${COLUMNS} FROM articles WHERE (published_ms, id) < (?, ?) ORDER BY published_ms DESC, id DESC LIMIT ?`,
    ),
    latest: db.prepare<[number], ArticleRow>(
      `SELECT ${COLUMNS} FROM articles ORDER BY published_ms DESC, id DESC LIMIT ?`,
    ),
    latestInScope: db.prepare<[string, string, number], ArticleRow>(
      `SELECT ${COLUMNS.replace(/(\w+)/g, 'a.$1')} FROM article_scopes s JOIN articles a ON a.id = s.article_id
       WHERE s.kind = ? AND s.slug = ? ORDER BY a.published_ms DESC, a.id DESC LIMIT ?`,
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

  let cachedState: StoreState | undefined;
  let seenDataVersion = -1;
  let checkedAt = Number.NEGATIVE_INFINITY;

  function bumpRevision(now: number): void {
    const revision = Number(q.getMeta.get('revision')?.value ?? 0) + 1;
    q.setMeta.run('revision', String(revision));
    q.setMeta.run('changed_at', String(now));
    // data_version only moves for other connections' commits; our own writes invalidate here.
    cachedState = undefined;
  }

  function putOne(article: Article, now: number): PutResult {
    const record = JSON.stringify(article);
    const version = createHash('sha256').update(record).digest('base64url').slice(0, 22);
    const existing = q.get.get(article.id);
    if (existing?.version === version) return { created: false, changed: false, stored: toStored(existing) };
    const row = {
      id: article.id,
      record,
      version,
      published_ms: Date.parse(article.publishedAt),
      modified_ms: modifiedAt(article).getTime(),
      first_published_at: existing?.first_published_at ?? article.publishedAt,
      now,
    };
    if (existing) q.update.run(row);
    else q.insert.run(row);
    q.deleteScopes.run(article.id);
    for (const [kind, name] of scopeNames(article)) {
      q.insertScope.run({ id: article.id, kind, slug: slugOf(name), name });
    }
    bumpRevision(now);
    return { created: !existing, changed: true, stored: toStored(q.get.get(article.id)!) };
  }

  const putTx = db.transaction(putOne);
  const deleteTx = db.transaction((id: string, now: number) => {
    const removed = q.delete.run(id).changes > 0;
    if (removed) bumpRevision(now);
    return removed;
  });
  const countOf = (scope: Scope | undefined) => (scope ? q.countInScope.get(scope.kind, scope.slug) : q.count.get())!.n;
  // One read transaction: the count and the rows come from the same snapshot even if another process writes.
  const archiveTx = db.transaction((query: ArchivePageQuery): ArchivePage => {
    const { scope, size, index, keepNewest } = query;
    const total = countOf(scope);
    const start = index * size;
    const end = Math.min(start + size, total - keepNewest);
    if (end <= start) return { total, items: [] };
    const rows = scope
      ? q.oldestInScope.all(scope.kind, scope.slug, end - start, start)
      : q.oldest.all(end - start, start);
    return { total, items: rows.map(toStored) };
  });
  const importTx = db.transaction((articles: readonly Article[], now: number) => {
    const result: ImportResult = { created: 0, replaced: 0, unchanged: 0 };
    for (const article of articles) {
      const { created, changed } = putOne(article, now);
      if (created) result.created++;
      else if (changed) result.replaced++;
      else result.unchanged++;
    }
    return result;
  });

  return {
    async put(article) {
      return putTx(article, clock().getTime());
    },
    async get(id) {
      const row = q.get.get(id);
      return row && toStored(row);
    },
    async delete(id) {
      return deleteTx(id, clock().getTime());
    },
    async list({ limit, cursor }) {
      const rows = cursor === undefined ? q.latest.all(limit + 1) : q.after.all(...decodeCursor(cursor), limit + 1);
      const items = rows.slice(0, limit).map(toStored);
      const last = rows.length > limit ? rows[limit - 1] : undefined;
      return last ? { items, nextCursor: encodeCursor(last.published_ms, last.id) } : { items };
    },
    async latest({ limit, scope }) {
      const rows = scope ? q.latestInScope.all(scope.kind, scope.slug, limit) : q.latest.all(limit);
      return rows.map(toStored);
    },
    async count({ scope }) {
      return countOf(scope);
    },
    async archivePage(query) {
      checkArchiveQuery(query);
      return archiveTx(query);
    },
    async scopeName(scope: Scope) {
      return q.scopeName.get(scope.kind, scope.slug)?.name;
    },
    async importMany(articles) {
      return importTx(articles, clock().getTime());
    },
    async state() {
      // Our own writes clear cachedState at once. Writes by another process (the CLI importing) are noticed through
      // data_version, asked at most every EXTERNAL_CHECK_MS: the query was ~5 % of a feed poll's CPU time.
      const now = performance.now();
      if (cachedState && now - checkedAt < EXTERNAL_CHECK_MS) return cachedState;
      checkedAt = now;
      const dataVersion = q.dataVersion.get() as number;
      if (!cachedState || dataVersion !== seenDataVersion) {
        const changedAt = q.getMeta.get('changed_at')?.value;
        cachedState = {
          revision: Number(q.getMeta.get('revision')?.value ?? 0),
          changedAt: changedAt === undefined ? undefined : new Date(Number(changedAt)),
          count: q.count.get()!.n,
        };
        seenDataVersion = dataVersion;
      }
      return cachedState;
    },
    async close() {
      db.close();
    },
  };
}

function checkArchiveQuery({ size, index, keepNewest }: ArchivePageQuery): void {
  const ok = (n: number, min: number) => Number.isSafeInteger(n) && n >= min;
  if (!ok(size, 1) || !ok(index, 0) || !ok(keepNewest, 0)) {
    throw new RangeError(
      `archivePage expects whole numbers size >= 1, index >= 0, keepNewest >= 0; got ${size}, ${index}, ${keepNewest}`,
    );
  }
}

function scopeNames(article: Article): Array<[ScopeKind, string]> {
  const out: Array<[ScopeKind, string]> = [];
  if (article.section) out.push(['section', article.section]);
  for (const author of article.authors) out.push(['author', author.name]);
  for (const tag of article.tags) out.push(['tag', tag]);
  return out.filter(([, name]) => slugOf(name) !== '');
}

/**
 * Parsed records by content version. Feed rebuilds read the same 50 records again after every write; parsing them
 * was a third of a rebuild. Entries are immutable (a new version is a new key), and callers never mutate records.
 */
const PARSED_MAX = 2000;

function createParsedCache(): (row: ArticleRow) => Article {
  const parsed = new LRUCache<string, Article>({ max: PARSED_MAX });
  return (row) => {
    let article = parsed.get(row.version);
    if (!article) {
      article = JSON.parse(row.record) as Article;
      parsed.set(row.version, article);
    }
    return article;
  };
}

function toStoredWith(parse: (row: ArticleRow) => Article, row: ArticleRow): StoredArticle {
  return {
    article: parse(row),
    version: row.version,
    createdAt: new Date(row.created_at),
    storedAt: new Date(row.stored_at),
    firstPublishedAt: row.first_published_at,
  };
}

function encodeCursor(publishedMs: number, id: string): string {
  return Buffer.from(JSON.stringify([publishedMs, id])).toString('base64url');
}

function decodeCursor(cursor: string): [number, string] {
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
