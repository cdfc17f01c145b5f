import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ArticleStore, openPostgresStore, parseArticle, StoreUnavailableError } from '../../src/articles/index.js';
import { MIGRATIONS_DIR, migrate, readMigrations } from '../../src/articles/postgres/pg-migrations.js';
import { makeArticle } from '../helpers/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';

// What every store does is tested in store-contract.test.ts; here, what only the PostgreSQL store has.
let db: TestDatabase;
let dir: string;
const open: Array<{ close(): Promise<unknown> }> = [];
beforeEach(async () => {
  db = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'syndicard-migrations-'));
});
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
  await db.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function client(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  open.push({ close: () => c.end() });
  return c;
}

async function store(options: { fallbackCheckMs?: number } = {}): Promise<ArticleStore> {
  const s = await openPostgresStore({ url: db.url, poolSize: 2, ...options });
  open.push(s);
  return s;
}

const tables = async () =>
  (
    await db.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    )
  ).rows.map((r) => r.tablename);
const versions = async () =>
  (await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map(
    (r) => r.version,
  );

/** The bundled migrations' versions (1…n): the tests below add theirs after the last. */
const BUNDLED = (await readMigrations()).map((m) => m.version);
const NEXT = BUNDLED.length + 1;
const file = (version: number, name: string) => `${String(version).padStart(3, '0')}_${name}.sql`;
const columns = async (table: string) =>
  (
    await db.query<{ column_name: string }>(
      'SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY column_name',
      [table],
    )
  ).rows.map((r) => r.column_name);

/** The bundled migrations plus `extra` (name → SQL), in a folder of the test's own. */
function migrationsWith(extra: Record<string, string>): string {
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) writeFileSync(join(dir, name), sql);
  return dir;
}

/** Waits until a backend of this database runs a query matching `pattern`, and returns its pid. */
async function backendRunning(pattern: string): Promise<number> {
  return vi.waitFor(
    async () => {
      const { rows } = await db.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND query LIKE $2 AND pid <> pg_backend_pid()',
        [db.name, pattern],
      );
      if (!rows[0]) throw new Error(`no backend runs ${pattern} yet`);
      return rows[0].pid;
    },
    { timeout: 10_000, interval: 25 },
  );
}

describe('PostgreSQL schema migrations', () => {
  it('migrate a fresh database at start, and a second start finds nothing to do', async () => {
    const c = await client();
    const migrations = await readMigrations();
    expect(migrations.map((m) => m.version)).toEqual(BUNDLED);
    expect(BUNDLED.length).toBeGreaterThanOrEqual(2);
    expect(await migrate(c, migrations)).toEqual({ applied: BUNDLED, version: BUNDLED.length });
    expect(await tables()).toEqual(['article_scopes', 'articles', 'schema_migrations', 'store_probe', 'store_state']);
    expect(await migrate(c, migrations)).toEqual({ applied: [], version: BUNDLED.length });
    expect(await versions()).toEqual(BUNDLED);
    // Opening stores (two instances starting together) migrates nothing more and loses nothing.
    await Promise.all([store(), store()]);
    expect(await versions()).toEqual(BUNDLED);
  });

  it('drop modified_ms (written, never read) from a database made by release 1, keeping its articles', async () => {
    const c = await client();
    const [first] = await readMigrations();
    await migrate(c, [first!]);
    expect(await columns('articles')).toContain('modified_ms');
    await c.query(
      `INSERT INTO articles (id, record, version, published_ms, modified_ms, first_published_at, id_authority,
       created_at, stored_at) VALUES ('old', $1, 'v1', 1, 1, '2024-05-01T00:00:00Z', 'example.com', 1, 1)`,
      [JSON.stringify(parseArticle(makeArticle({ id: 'old' })))],
    );
    const s = await store();
    expect(await columns('articles')).not.toContain('modified_ms');
    expect((await s.get('old'))?.article.id).toBe('old');
    await s.put(parseArticle(makeArticle({ id: 'new', headline: 'Written after the upgrade' })));
    expect((await s.get('new'))?.article.headline).toBe('Written after the upgrade');
  });

  it('roll back a migration that fails, naming it, and apply it once it is fixed', async () => {
    const c = await client();
    migrationsWith({ [file(NEXT, 'broken')]: 'CREATE TABLE half_done (x int);\nSELEKT 1;' });
    await expect(migrate(c, await readMigrations(dir))).rejects.toThrow(
      new RegExp(`migration ${NEXT} \\("broken"\\) failed.*SELEKT`),
    );
    // The bundled migrations committed each on its own; nothing of the broken one is left behind.
    expect(await versions()).toEqual(BUNDLED);
    expect(await tables()).not.toContain('half_done');
    writeFileSync(join(dir, file(NEXT, 'broken')), 'CREATE TABLE half_done (x int);');
    expect(await migrate(c, await readMigrations(dir))).toEqual({ applied: [NEXT], version: NEXT });
    expect(await tables()).toContain('half_done');
  });

  it('roll back a migration interrupted by its connection being cut', async () => {
    const c = await client();
    c.on('error', () => undefined);
    migrationsWith({ [file(NEXT, 'slow')]: 'CREATE TABLE half_done (x int);\nSELECT pg_sleep(60);' });
    const running = migrate(c, await readMigrations(dir));
    running.catch(() => undefined);
    const pid = await backendRunning('%pg_sleep(60)%');
    await db.query('SELECT pg_terminate_backend($1)', [pid]);
    await expect(running).rejects.toThrow(new RegExp(`migration ${NEXT} \\("slow"\\) failed`));
    expect(await versions()).toEqual(BUNDLED);
    expect(await tables()).not.toContain('half_done');
  });

  it('refuse a database changed by a newer release or a migration edited after it ran', async () => {
    const c = await client();
    await migrate(c, await readMigrations());
    await db.query("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, 'future', 'x')", [NEXT]);
    await expect(migrate(c, await readMigrations())).rejects.toThrow(
      new RegExp(`schema version ${NEXT} \\("future"\\), newer`),
    );
    await db.query('DELETE FROM schema_migrations WHERE version = $1', [NEXT]);
    await db.query("UPDATE schema_migrations SET checksum = 'abcdef0123456789' WHERE version = 1");
    await expect(migrate(c, await readMigrations())).rejects.toThrow(
      /migration 1 \("articles"\) was changed after it was applied: expected checksum abcdef012345…, got/,
    );
  });

  it('refuse misnumbered files', async () => {
    migrationsWith({ [file(NEXT + 1, 'skips')]: 'SELECT 1;' });
    await expect(readMigrations(dir)).rejects.toThrow(`should have version ${NEXT}, got ${NEXT + 1}`);
  });
});

describe('openPostgresStore', () => {
  const article = (id: string, n = 0) =>
    parseArticle(
      makeArticle({ id, headline: `Headline ${n}`, publishedAt: '2024-05-01T00:00:00Z', updatedAt: undefined }),
    );

  it('hears other instances through NOTIFY, and checks revisions itself while its listener is down', async () => {
    // Without NOTIFY this store would trust its revision for a minute: seeing the write at once proves the listener.
    const reader = await store({ fallbackCheckMs: 60_000 });
    const writer = await store();
    expect((await reader.state()).revision).toBe(0);
    expect(reader.peekState!()).toMatchObject({ revision: 0 });
    await writer.put(article('a'));
    // The NOTIFY takes the reader's cached state away from the fast path's peek too, not only from state().
    await vi.waitFor(() => expect(reader.peekState!()).toBeUndefined(), { timeout: 5000, interval: 5 });
    await vi.waitFor(async () => expect((await reader.state()).revision).toBe(1), { timeout: 5000, interval: 20 });
    expect(reader.peekState!()).toMatchObject({ revision: 1 });

    // Cut the listening connection: the listener comes back on its own and catches up on what it missed.
    const listener = await backendRunning('LISTEN%');
    await db.query('SELECT pg_terminate_backend($1)', [listener]);
    await writer.put(article('b'));
    await vi.waitFor(async () => expect(await reader.state()).toMatchObject({ revision: 2, count: 2 }), {
      timeout: 10_000,
      interval: 50,
    });
    const again = await backendRunning('LISTEN%');
    expect(again).not.toBe(listener);
    await writer.put(article('c'));
    await vi.waitFor(async () => expect((await reader.state()).revision).toBe(3), { timeout: 5000, interval: 20 });
  });

  it('keeps nothing of a transaction cut off half-way, and answers 503 STORE_UNAVAILABLE for it', async () => {
    const s = await store();
    await s.put(article('kept'));
    const many = Array.from({ length: 3000 }, (_, i) => article(`bulk-${i}`, i));
    const importing = s.importMany(many);
    importing.catch(() => undefined);
    const pid = await backendRunning('%INTO article_scopes%');
    await db.query('SELECT pg_terminate_backend($1)', [pid]);
    const error = await importing.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toMatchObject({ status: 503, code: 'STORE_UNAVAILABLE', headers: { 'Retry-After': '30' } });
    const counts = await db.query<{ n: string }>('SELECT count(*) AS n FROM articles');
    expect(counts.rows[0]!.n).toBe('1');
    expect(await s.state()).toMatchObject({ revision: 1, count: 1 });
    // The pool replaced the dead connection: the next write goes through.
    expect((await s.put(article('after'))).created).toBe(true);
    expect(await s.state()).toMatchObject({ revision: 2, count: 2 });
  });
});
