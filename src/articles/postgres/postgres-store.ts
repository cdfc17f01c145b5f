import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type pg from 'pg';
import { AppError } from '../../errors.js';
import { type Article, slugOf } from '../record/index.js';
import {
  type ArchivePage,
  type ArchivePageQuery,
  type ArticleKeyRow,
  type ArticleRow,
  type ArticleStore,
  COLUMNS,
  type ContentRules,
  checkArchiveQuery,
  createRowMapper,
  decodeCursor,
  EMBEDDED_ID_AUTHORITY,
  encodeCursor,
  type ImportResult,
  KEY_COLUMNS,
  type PutResult,
  publishedColumns,
  REFRESH_BATCH,
  type Scope,
  type StaleRow,
  type StoredArticle,
  scopeNames,
  serialise,
  toUpdates,
} from '../store/index.js';
import { isUnreachable, translate } from './pg-errors.js';
import { listenForChanges, type StoreLog } from './pg-listener.js';
import { MIGRATIONS_DIR, migrate, readMigrations } from './pg-migrations.js';
import { createPool, inTransaction } from './pg-pool.js';
import { createStateCache } from './pg-state.js';

export interface PostgresStoreOptions {
  /** postgres://user@host:port/database */
  url: string;
  clock?: () => Date;
  /** Connections in the pool; 10 by default. */
  poolSize?: number;
  log?: StoreLog;
  /** For tests of the migration runner; the bundled migrations by default. */
  migrationsDir?: string;
  /** The `tag:` authority given to articles stored for the first time (see id-authority.ts). */
  idAuthority?: string;
  /** NOTIFY channel; the same for every instance on one database. */
  channel?: string;
  /** How long state() trusts its revision while the change listener is down; 250 ms by default. */
  fallbackCheckMs?: number;
  /**
   * How each record's published HTML is derived (the feeds' sanitising rules). Computed on every write; at open,
   * records stored under another version of the rules (or none) are recomputed. Without rules nothing is derived.
   */
  contentRules?: ContentRules;
}

export const CHANGE_CHANNEL = 'syndicard_store';

/** Last answers kept per query, served while the database is unreachable. */
const LAST_KNOWN_MAX = 5000;

/**
 * The store for several instances: the same records and answers as the SQLite store on one PostgreSQL database.
 * Writes are one transaction each and take the `store_state` row lock first, so the revision moves by exactly the
 * number of changes whichever instance writes; every write transaction sends a NOTIFY that the other instances'
 * listeners turn into a fresh `state()`, so their built feeds are rebuilt within a second of the commit.
 *
 * When the database is unreachable, writes fail with StoreUnavailableError (503, Retry-After) and reads answer what
 * this instance last read for the same question, so feeds and pages it has served keep being served.
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<ArticleStore> {
  const clock = options.clock ?? (() => new Date());
  const log = options.log ?? { info: () => undefined, warn: () => undefined };
  const channel = options.channel ?? CHANGE_CHANNEL;
  const fallbackCheckMs = options.fallbackCheckMs ?? 250;
  const idAuthority = options.idAuthority ?? EMBEDDED_ID_AUTHORITY;
  const pool = createPool(options.url, options.poolSize ?? 10, log);
  const instance = randomUUID();

  try {
    const migrations = await readMigrations(options.migrationsDir ?? MIGRATIONS_DIR);
    const client = await pool.connect();
    try {
      const report = await migrate(client, migrations);
      if (report.applied.length > 0) log.info({ applied: report.applied }, 'PostgreSQL schema migrated');
      if (options.contentRules) {
        const records = await refreshPublished(client, options.contentRules);
        if (records > 0) {
          log.info(
            { records, rules: options.contentRules.version },
            'published HTML recomputed under new content rules',
          );
        }
      }
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    // At start the driver's words are what an operator needs (refused, unknown database, bad password).
    throw new AppError(
      'STORE_OPEN_FAILED',
      `the article database ${redacted(options.url)} cannot be used: ${(error as Error).message}`,
      { cause: error, expose: false },
    );
  }

  const toStored = createRowMapper();
  const lastKnown = new LRUCache<string, { value: unknown }>({ max: LAST_KNOWN_MAX });

  /** A read that, when the database is out of reach, answers what it answered last time (if it ever did). */
  async function read<T>(key: string, query: () => Promise<T>): Promise<T> {
    try {
      const value = await query();
      lastKnown.set(key, { value });
      return value;
    } catch (error) {
      const known = isUnreachable(error) ? lastKnown.get(key) : undefined;
      if (known) return known.value as T;
      throw translate(error);
    }
  }

  async function rows(sql: string, values: unknown[]): Promise<ArticleRow[]> {
    return (await pool.query<ArticleRow>(sql, values)).rows;
  }

  // state(): cached, invalidated by our own commits and by the NOTIFY of everyone's (pg-state.ts).
  const listener = listenForChanges({
    connectionString: options.url,
    channel,
    onChange: () => stateCache.invalidate(),
    log,
  });
  const stateCache = createStateCache({
    listening: () => listener.listening,
    fallbackCheckMs,
    async read() {
      const { rows: found } = await pool.query<{ revision: number; changed_at: number | null; article_count: number }>(
        'SELECT revision, changed_at, article_count FROM store_state WHERE id = 1',
      );
      const row = found[0]!;
      return {
        revision: row.revision,
        changedAt: row.changed_at === null ? undefined : new Date(row.changed_at),
        count: row.article_count,
      };
    },
  });

  /**
   * A write: one transaction that first locks the store_state row, so writes through every instance queue there and
   * each sees the revision the previous one left.
   */
  async function transaction<T>(work: (client: pg.PoolClient, now: number) => Promise<T>): Promise<T> {
    try {
      return await inTransaction(pool, 'BEGIN', async (client) => {
        await client.query('SELECT 1 FROM store_state WHERE id = 1 FOR UPDATE');
        return work(client, clock().getTime());
      });
    } finally {
      stateCache.invalidate();
    }
  }

  async function putOne(client: pg.PoolClient, article: Article, now: number): Promise<PutResult> {
    const { record, version } = serialise(article);
    // The key columns say whether anything changed; the large ones are read only to answer an unchanged repeat.
    const found = await client.query<ArticleKeyRow>(`SELECT ${KEY_COLUMNS} FROM articles WHERE id = $1`, [article.id]);
    const existing = found.rows[0];
    if (existing?.version === version) {
      const cached = toStored.fromKeys(existing);
      const full = cached
        ? undefined
        : await client.query<ArticleRow>(`SELECT ${COLUMNS} FROM articles WHERE id = $1`, [article.id]);
      return { created: false, changed: false, stored: cached ?? toStored(full!.rows[0]!) };
    }
    const row: ArticleRow = {
      id: article.id,
      record,
      version,
      created_at: existing?.created_at ?? now,
      stored_at: now,
      first_published_at: existing?.first_published_at ?? article.publishedAt,
      id_authority: existing?.id_authority ?? idAuthority,
      published_ms: Date.parse(article.publishedAt),
      ...publishedColumns(article, options.contentRules),
    };
    const values = [row.id, record, version, row.published_ms, now, row.published_html, row.published_rules];
    if (existing) {
      await client.query(
        `UPDATE articles SET record = $2, version = $3, published_ms = $4, stored_at = $5, published_html = $6,
         published_rules = $7 WHERE id = $1`,
        values,
      );
      await client.query('DELETE FROM article_scopes WHERE article_id = $1', [row.id]);
    } else {
      await client.query(
        `INSERT INTO articles (id, record, version, published_ms, first_published_at, id_authority, created_at,
         stored_at, published_html, published_rules) VALUES ($1, $2, $3, $4, $8, $9, $5, $5, $6, $7)`,
        [...values, row.first_published_at, row.id_authority],
      );
    }
    const scopes = scopeNames(article);
    if (scopes.length > 0) {
      await client.query(
        `INSERT INTO article_scopes (article_id, kind, slug, name)
         SELECT $1, kind, slug, name FROM unnest($2::text[], $3::text[], $4::text[]) AS s (kind, slug, name)
         ON CONFLICT DO NOTHING`,
        [row.id, scopes.map(([kind]) => kind), scopes.map(([, name]) => slugOf(name)), scopes.map(([, name]) => name)],
      );
    }
    return { created: !existing, changed: true, stored: toStored(row) };
  }

  /** Moves the revision by the number of changes and announces it; NOTIFY is delivered only if this commits. */
  async function recordChanges(client: pg.PoolClient, now: number, changes: number, added: number): Promise<void> {
    if (changes === 0) return;
    await client.query(
      `WITH s AS (
         UPDATE store_state SET revision = revision + $1, changed_at = $2, article_count = article_count + $3
         WHERE id = 1 RETURNING revision
       ) SELECT pg_notify($4, revision::text) FROM s`,
      [changes, now, added, channel],
    );
  }

  async function countOf(query: (sql: string, values: unknown[]) => Promise<pg.QueryResult>, scope?: Scope) {
    const { rows: found } = scope
      ? await query('SELECT count(*) AS n FROM article_scopes WHERE kind = $1 AND slug = $2', [scope.kind, scope.slug])
      : await query('SELECT article_count AS n FROM store_state WHERE id = 1', []);
    return Number(found[0].n);
  }

  /** Count and rows from one snapshot (REPEATABLE READ), so a write committed in between cannot shift the page. */
  function archiveSnapshot({ scope, size, index, keepNewest }: ArchivePageQuery): Promise<ArchivePage> {
    return inTransaction(pool, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', async (client) => {
      const total = await countOf((sql, values) => client.query(sql, values), scope);
      const start = index * size;
      const end = Math.min(start + size, total - keepNewest);
      if (end <= start) return { total, items: [] };
      const oldest = scope
        ? await client.query<ArticleRow>(
            `SELECT ${COLUMNS.replace(/(\w+)/g, 'a.$1')} FROM article_scopes s JOIN articles a ON a.id = s.article_id
             WHERE s.kind = $1 AND s.slug = $2 ORDER BY a.published_ms ASC, a.id ASC LIMIT $3 OFFSET $4`,
            [scope.kind, scope.slug, end - start, start],
          )
        : await client.query<ArticleRow>(
            `SELECT ${COLUMNS} FROM articles ORDER BY published_ms ASC, id ASC LIMIT $1 OFFSET $2`,
            [end - start, start],
          );
      return { total, items: oldest.rows.map(toStored) };
    });
  }

  const newest = `ORDER BY published_ms DESC, id DESC`;
  return {
    put: (article) =>
      transaction(async (client, now) => {
        const result = await putOne(client, article, now);
        if (result.changed) await recordChanges(client, now, 1, result.created ? 1 : 0);
        return result;
      }),
    get: (id) =>
      read(`get ${id}`, async () => {
        const [row] = await rows(`SELECT ${COLUMNS} FROM articles WHERE id = $1`, [id]);
        return row && toStored(row);
      }),
    delete: (id) =>
      transaction(async (client, now) => {
        const removed = ((await client.query('DELETE FROM articles WHERE id = $1', [id])).rowCount ?? 0) > 0;
        if (removed) await recordChanges(client, now, 1, -1);
        return removed;
      }),
    async list({ limit, cursor }) {
      const after = cursor === undefined ? undefined : decodeCursor(cursor);
      return read(`list ${limit} ${cursor ?? ''}`, async () => {
        const found = after
          ? await rows(`SELECT ${COLUMNS} FROM articles WHERE (published_ms, id) < ($1, $2) ${newest} LIMIT $3`, [
              ...after,
              limit + 1,
            ])
          : await rows(`SELECT ${COLUMNS} FROM articles ${newest} LIMIT $1`, [limit + 1]);
        const items = found.slice(0, limit).map(toStored);
        const last = found.length > limit ? found[limit - 1] : undefined;
        return last ? { items, nextCursor: encodeCursor(last.published_ms, last.id) } : { items };
      });
    },
    latest: ({ limit, scope }) =>
      read(`latest ${limit} ${scope?.kind ?? ''} ${scope?.slug ?? ''}`, async () => {
        const newestOf = (columns: string) =>
          scope
            ? rows(
                `SELECT ${columns.replace(/(\w+)/g, 'a.$1')} FROM article_scopes s JOIN articles a ON a.id = s.article_id
                 WHERE s.kind = $1 AND s.slug = $2 ORDER BY a.published_ms DESC, a.id DESC LIMIT $3`,
                [scope.kind, scope.slug, limit],
              )
            : rows(`SELECT ${columns} FROM articles ${newest} LIMIT $1`, [limit]);
        // Feeds read the same rows after every write: the key columns first, the large ones only for records not
        // cached yet. If a row changed between the two reads, all of them are read again in one query.
        const keys = (await newestOf(KEY_COLUMNS)) as ArticleKeyRow[];
        const cached = keys.map((key) => toStored.fromKeys(key));
        const missing = keys.filter((_, index) => cached[index] === undefined).map((key) => key.id);
        if (missing.length === 0) return cached as StoredArticle[];
        const full = new Map(
          (await rows(`SELECT ${COLUMNS} FROM articles WHERE id = ANY($1)`, [missing])).map((row) => [row.id, row]),
        );
        const items = keys.map((key, index) => {
          const row = full.get(key.id);
          return cached[index] ?? (row?.version === key.version ? toStored(row) : undefined);
        });
        if (items.every((item) => item !== undefined)) return items as StoredArticle[];
        return (await newestOf(COLUMNS)).map(toStored);
      }),
    count: ({ scope }) =>
      read(`count ${scope?.kind ?? ''} ${scope?.slug ?? ''}`, () =>
        countOf((sql, values) => pool.query(sql, values), scope),
      ),
    async archivePage(query) {
      checkArchiveQuery(query);
      const { scope, size, index, keepNewest } = query;
      return read(`archive ${scope?.kind ?? ''} ${scope?.slug ?? ''} ${size} ${index} ${keepNewest}`, () =>
        archiveSnapshot(query),
      );
    },
    scopeName: (scope) =>
      read(`scope ${scope.kind} ${scope.slug}`, async () => {
        const { rows: found } = await pool.query<{ name: string }>(
          'SELECT name FROM article_scopes WHERE kind = $1 AND slug = $2 ORDER BY name LIMIT 1',
          [scope.kind, scope.slug],
        );
        return found[0]?.name;
      }),
    importMany: (articles) =>
      transaction(async (client, now) => {
        const result: ImportResult = { created: 0, replaced: 0, unchanged: 0 };
        for (const article of articles) {
          const { created, changed } = await putOne(client, article, now);
          if (created) result.created++;
          else if (changed) result.replaced++;
          else result.unchanged++;
        }
        await recordChanges(client, now, result.created + result.replaced, result.created);
        return result;
      }),
    state: () => stateCache.get(),
    peekState: () => stateCache.peek(),
    async probe() {
      try {
        await pool.query('SELECT revision FROM store_state WHERE id = 1');
        await pool.query(
          `INSERT INTO store_probe (instance, probed_at) VALUES ($1, $2)
           ON CONFLICT (instance) DO UPDATE SET probed_at = excluded.probed_at`,
          [instance, clock().getTime()],
        );
      } catch (error) {
        throw translate(error);
      }
    },
    async close() {
      await listener.close();
      await pool.query('DELETE FROM store_probe WHERE instance = $1', [instance]).catch(() => undefined);
      await pool.end();
    },
  };
}

/**
 * Recomputes the published HTML of every record stored under other content rules, in id order, a batch per
 * transaction; an update applies only if the record kept its version (another instance may be writing). Returns how
 * many records were recomputed.
 */
async function refreshPublished(client: pg.PoolClient, rules: ContentRules): Promise<number> {
  let records = 0;
  let after = '';
  for (;;) {
    const { rows: batch } = await client.query<StaleRow>(
      `SELECT id, record, version FROM articles WHERE published_rules IS DISTINCT FROM $1 AND id > $2
       ORDER BY id LIMIT $3`,
      [rules.version, after, REFRESH_BATCH],
    );
    if (batch.length === 0) return records;
    const updates = toUpdates(batch, rules);
    if (updates.length > 0) {
      const { rowCount } = await client.query(
        `UPDATE articles AS a SET published_html = u.html, published_rules = $1
         FROM unnest($2::text[], $3::text[], $4::text[]) AS u (id, version, html)
         WHERE a.id = u.id AND a.version = u.version`,
        [rules.version, updates.map((u) => u.id), updates.map((u) => u.version), updates.map((u) => u.html)],
      );
      records += rowCount ?? 0;
    }
    after = batch.at(-1)!.id;
  }
}

/** The URL without its password, for messages. */
function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.href;
  } catch {
    return 'SYNDICARD_DATABASE_URL';
  }
}
