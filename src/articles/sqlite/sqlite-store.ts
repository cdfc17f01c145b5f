import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../errors.js';
import { type Article, slugOf } from '../record/index.js';
import {
  type ArchivePage,
  type ArchivePageQuery,
  type ArticleStore,
  type ContentRules,
  checkArchiveQuery,
  createRowMapper,
  decodeCursor,
  EMBEDDED_ID_AUTHORITY,
  encodeCursor,
  type ImportResult,
  type PublishedUpdate,
  type PutResult,
  publishedColumns,
  REFRESH_BATCH,
  type Scope,
  type StoreState,
  StoreUnavailableError,
  scopeNames,
  serialise,
  toUpdates,
} from '../store/index.js';
import { ensureWritableDirectory } from './directory.js';
import { retryBusy, SYNC_BUSY_MS, translate, WriteGate } from './sqlite-faults.js';
import { prepareQueries, SCHEMA } from './sqlite-queries.js';

export interface SqliteStoreOptions {
  /** A file path (its directory is made if missing), or ':memory:' for tests. */
  path: string;
  clock?: () => Date;
  /** The `tag:` authority given to articles stored for the first time (see id-authority.ts). */
  idAuthority?: string;
  /** Longest a write waits for the write lock (another process importing) before STORE_BUSY. Default 5 s. */
  busyTimeoutMs?: number;
  /** Called once, when the first damaged page is found: the caller logs it loudly. Readiness is off from then on. */
  onDamage?: (error: StoreUnavailableError) => void;
  /**
   * How each record's published HTML is derived (the feeds' sanitising rules). Computed on every write; at open,
   * records stored under another version of the rules (or none) are recomputed. Without rules nothing is derived.
   */
  contentRules?: ContentRules;
  /** Told how many records were recomputed at open, when there were any (the caller logs it). */
  onContentRefresh?: (event: { records: number; rules: string }) => void;
}

export interface SqliteStore extends ArticleStore {
  readonly path: string;
  peekState(): StoreState | undefined;
  /** Turns readiness and writes off, as if a query had found the damage (a background quick_check did). */
  reportDamage(error: StoreUnavailableError): void;
}

/** How stale another process's write may look to state(); our own writes are seen at once. */
const EXTERNAL_CHECK_MS = 200;

/**
 * The embedded default store: one SQLite file in WAL mode. Every write is one BEGIN IMMEDIATE transaction, so a
 * failure leaves the previous record in place and concurrent writers queue instead of failing (sqlite-faults.ts);
 * `PRAGMA data_version` lets `state()` notice writes from another process (the CLI importing while the server runs)
 * without a query on every poll. A damaged page found by any query turns writes and readiness off.
 */
export function createSqliteStore(options: SqliteStoreOptions): SqliteStore {
  const clock = options.clock ?? (() => new Date());
  const idAuthority = options.idAuthority ?? EMBEDDED_ID_AUTHORITY;
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  if (options.path !== ':memory:') ensureWritableDirectory(dirname(options.path));
  const db = openDatabase(options.path);
  try {
    initialise(db, idAuthority, busyTimeoutMs, options.contentRules, options.onContentRefresh);
  } catch (err) {
    db.close();
    throw translate(err);
  }

  const toStored = createRowMapper();
  const q = prepareQueries(db);
  const gate = new WriteGate();
  let damage: StoreUnavailableError | undefined;

  function reportDamage(error: StoreUnavailableError): void {
    if (damage) return;
    damage = error;
    options.onDamage?.(error);
  }

  /** Every SQLite call goes through here: busy reads are retried, damage is remembered, faults become 503s. */
  function noticed(err: unknown): unknown {
    const translated = translate(err);
    if (translated instanceof StoreUnavailableError && translated.code === 'STORE_CORRUPT') reportDamage(translated);
    return translated;
  }
  async function read<T>(query: () => T): Promise<T> {
    try {
      const started = performance.now();
      return await retryBusy(query, started, started + busyTimeoutMs);
    } catch (err) {
      throw noticed(err);
    }
  }
  async function write<T>(transaction: () => T): Promise<T> {
    if (damage) throw damage;
    try {
      return await gate.run(transaction, busyTimeoutMs);
    } catch (err) {
      throw noticed(err);
    }
  }

  let cachedState: StoreState | undefined;
  let seenDataVersion = -1;
  let checkedAt = Number.NEGATIVE_INFINITY;

  /** The state state() answers without a query: none after our own write, none once EXTERNAL_CHECK_MS have passed. */
  function freshState(now: number): StoreState | undefined {
    return cachedState && now - checkedAt < EXTERNAL_CHECK_MS ? cachedState : undefined;
  }

  function bumpRevision(now: number): void {
    const revision = Number(q.getMeta.get('revision')?.value ?? 0) + 1;
    q.setMeta.run('revision', String(revision));
    q.setMeta.run('changed_at', String(now));
    // data_version only moves for other connections' commits; our own writes invalidate here.
    cachedState = undefined;
  }

  function putOne(article: Article, now: number): PutResult {
    const { record, version } = serialise(article);
    // The key columns say whether anything changed; the large ones are read only to answer an unchanged repeat.
    const existing = q.getKeys.get(article.id);
    if (existing?.version === version) {
      const stored = toStored.fromKeys(existing) ?? toStored(q.get.get(article.id)!);
      return { created: false, changed: false, stored };
    }
    const row = {
      id: article.id,
      record,
      version,
      published_ms: Date.parse(article.publishedAt),
      first_published_at: existing?.first_published_at ?? article.publishedAt,
      // Never updated (sqlite-queries.ts): the item id is fixed when first stored.
      id_authority: existing?.id_authority ?? idAuthority,
      created_at: existing?.created_at ?? now,
      stored_at: now,
      now,
      ...publishedColumns(article, options.contentRules),
    };
    if (existing) q.update.run(row);
    else q.insert.run(row);
    q.deleteScopes.run(article.id);
    for (const [kind, name] of scopeNames(article)) {
      q.insertScope.run({ id: article.id, kind, slug: slugOf(name), name });
    }
    bumpRevision(now);
    // The row as written, without reading it back; mapping it also caches the record for the next feed build.
    return { created: !existing, changed: true, stored: toStored(row) };
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
  // One read transaction (a snapshot): the key columns first, then the full row of each record not cached yet.
  const latestTx = db.transaction((scope: Scope | undefined, limit: number) => {
    const keys = scope ? q.latestKeysInScope.all(scope.kind, scope.slug, limit) : q.latestKeys.all(limit);
    return keys.map((key) => toStored.fromKeys(key) ?? toStored(q.get.get(key.id)!));
  });
  const probeTx = db.transaction((now: number) => q.setMeta.run('probed_at', String(now)));

  return {
    path: options.path,
    reportDamage,
    async put(article) {
      return write(() => putTx.immediate(article, clock().getTime()));
    },
    async get(id) {
      const row = await read(() => q.get.get(id));
      return row && toStored(row);
    },
    async delete(id) {
      return write(() => deleteTx.immediate(id, clock().getTime()));
    },
    async list({ limit, cursor }) {
      const after = cursor === undefined ? undefined : decodeCursor(cursor);
      const rows = await read(() => (after ? q.after.all(...after, limit + 1) : q.latest.all(limit + 1)));
      const items = rows.slice(0, limit).map(toStored);
      const last = rows.length > limit ? rows[limit - 1] : undefined;
      return last ? { items, nextCursor: encodeCursor(last.published_ms, last.id) } : { items };
    },
    async latest({ limit, scope }) {
      return read(() => latestTx(scope, limit));
    },
    async count({ scope }) {
      return read(() => countOf(scope));
    },
    async archivePage(query) {
      checkArchiveQuery(query);
      return read(() => archiveTx(query));
    },
    async scopeName(scope: Scope) {
      return (await read(() => q.scopeName.get(scope.kind, scope.slug)))?.name;
    },
    async importMany(articles) {
      return write(() => importTx.immediate(articles, clock().getTime()));
    },
    async state() {
      // Our own writes clear cachedState at once. Writes by another process (the CLI importing) are noticed through
      // data_version, asked at most every EXTERNAL_CHECK_MS: the query was ~5 % of a feed poll's CPU time.
      const now = performance.now();
      const known = freshState(now);
      if (known) return known;
      return read(() => {
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
      });
    },
    peekState() {
      return freshState(performance.now());
    },
    async probe() {
      if (damage) throw damage;
      await read(() => q.getMeta.get('revision'));
      await write(() => probeTx.immediate(clock().getTime()));
    },
    async close() {
      db.close();
    },
  };
}

/** better-sqlite3 says only "unable to open database file"; say which file. */
function openDatabase(path: string): Database.Database {
  try {
    return new Database(path);
  } catch (err) {
    throw new AppError('STORE_OPEN_FAILED', `cannot open the article store ${path}: ${(err as Error).message}`, {
      cause: err,
      expose: false,
    });
  }
}

/**
 * Pragmas, schema and migrations. Runs once at open, where blocking is fine, so SQLite's own busy handler may wait
 * the whole busy timeout here (another process may be writing); afterwards each attempt waits only SYNC_BUSY_MS.
 */
function initialise(
  db: Database.Database,
  idAuthority: string,
  busyTimeoutMs: number,
  rules: ContentRules | undefined,
  onRefresh: SqliteStoreOptions['onContentRefresh'],
): void {
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);
  const columns = db.pragma('table_info(articles)') as Array<{ name: string }>;
  if (!columns.some((column) => column.name === 'id_authority')) {
    // Stores made before ids carried their own authority: the articles in them get today's, once, for good.
    db.transaction(() => {
      db.exec('ALTER TABLE articles ADD COLUMN id_authority TEXT');
      db.prepare('UPDATE articles SET id_authority = ?').run(idAuthority);
    }).immediate();
  }
  if (columns.some((column) => column.name === 'modified_ms')) {
    // Stores made by earlier releases: the column was written and never read (migration 002 does this in PostgreSQL).
    db.exec('ALTER TABLE articles DROP COLUMN modified_ms');
  }
  if (!columns.some((column) => column.name === 'published_rules')) {
    // Stores made before ingest-time sanitising: the columns start empty and are filled in just below.
    db.transaction(() => {
      db.exec('ALTER TABLE articles ADD COLUMN published_html TEXT');
      db.exec('ALTER TABLE articles ADD COLUMN published_rules TEXT');
    }).immediate();
  }
  if (rules) {
    const records = refreshPublished(db, rules);
    if (records > 0) onRefresh?.({ records, rules: rules.version });
  }
  db.pragma(`busy_timeout = ${SYNC_BUSY_MS}`);
}

/** Recomputes the published HTML of every record stored under other rules, a batch per transaction; returns how many. */
function refreshPublished(db: Database.Database, rules: ContentRules): number {
  const q = prepareQueries(db);
  const write = db.transaction((updates: PublishedUpdate[]) =>
    updates.reduce((changed, update) => changed + q.setPublished.run(update).changes, 0),
  );
  let records = 0;
  let after = '';
  for (;;) {
    const batch = q.stalePublished.all(rules.version, after, REFRESH_BATCH);
    if (batch.length === 0) return records;
    records += write.immediate(toUpdates(batch, rules));
    after = batch.at(-1)!.id;
  }
}
