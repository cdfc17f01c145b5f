import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { type ContentRules, createSqliteStore, openPostgresStore, parseArticle } from '../../src/articles/index.js';
import { migrate, readMigrations } from '../../src/articles/postgres/pg-migrations.js';
import { makeArticle } from '../helpers/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';

/**
 * Stores made before ingest-time sanitising hold no published HTML: the first open with content rules adds the
 * columns (SQLite at open, PostgreSQL by migration) and fills them for every stored article.
 */

const rules: ContentRules = { version: 'r1', render: (article) => `<p>${article.headline}</p>` };
const record = JSON.stringify(parseArticle(makeArticle({ id: 'old', headline: 'Stored long ago' })));
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('published HTML for articles stored by an earlier release', () => {
  it('SQLite: the columns are added and filled at the first open with rules', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'syndicard-published-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'syndicard.db');
    // The articles table as the release before this one made it (after modified_ms was dropped).
    const old = new Database(path);
    old.exec(`CREATE TABLE articles (
      id TEXT PRIMARY KEY, record TEXT NOT NULL, version TEXT NOT NULL, published_ms INTEGER NOT NULL,
      first_published_at TEXT NOT NULL, created_at INTEGER NOT NULL, stored_at INTEGER NOT NULL, id_authority TEXT
    ) STRICT`);
    old
      .prepare(
        `INSERT INTO articles VALUES ('old', ?, 'v1', 1714521600000, '2024-05-01T00:00:00Z', 1, 1, 'example.com')`,
      )
      .run(record);
    old.close();

    const refreshed: unknown[] = [];
    const store = createSqliteStore({ path, contentRules: rules, onContentRefresh: (event) => refreshed.push(event) });
    cleanups.push(() => store.close());
    expect(refreshed).toEqual([{ records: 1, rules: 'r1' }]);
    const stored = await store.get('old');
    expect(stored?.published).toEqual({ rules: 'r1', html: '<p>Stored long ago</p>' });
    expect(stored?.version).toBe('v1');
  });

  it('PostgreSQL: the migration adds the columns and the first open with rules fills them', async () => {
    const db: TestDatabase = await createTestDatabase();
    cleanups.push(() => db.drop());
    const migrations = await readMigrations();
    const before = migrations.filter((migration) => !migration.name.includes('published'));
    expect(before.length).toBe(migrations.length - 1);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await migrate(client, before);
      await client.query(
        `INSERT INTO articles (id, record, version, published_ms, first_published_at, id_authority, created_at,
         stored_at) VALUES ('old', $1, 'v1', 1714521600000, '2024-05-01T00:00:00Z', 'example.com', 1, 1)`,
        [record],
      );
      await client.query('UPDATE store_state SET article_count = 1, revision = 1');
    } finally {
      await client.end();
    }

    const store = await openPostgresStore({ url: db.url, poolSize: 2, contentRules: rules });
    cleanups.push(() => store.close());
    const stored = await store.get('old');
    expect(stored?.published).toEqual({ rules: 'r1', html: '<p>Stored long ago</p>' });
    expect(stored?.version).toBe('v1');
    expect(await store.state()).toMatchObject({ revision: 1, count: 1 });
  });
});
