import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteStore, parseArticle } from '../../src/articles/index.js';
import { makeArticle } from '../helpers/fixtures.js';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'syndicard-upgrade-'));
  path = join(dir, 'syndicard.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const columns = (db: Database.Database) =>
  (db.pragma('table_info(articles)') as Array<{ name: string }>).map((column) => column.name);

describe('SQLite store made by an earlier release', () => {
  it('loses the modified_ms column (written, never read) at open and keeps its articles', async () => {
    // The articles table as earlier releases made it, with one stored article.
    const old = new Database(path);
    old.exec(`CREATE TABLE articles (
      id TEXT PRIMARY KEY, record TEXT NOT NULL, version TEXT NOT NULL, published_ms INTEGER NOT NULL,
      modified_ms INTEGER NOT NULL, first_published_at TEXT NOT NULL, created_at INTEGER NOT NULL,
      stored_at INTEGER NOT NULL, id_authority TEXT
    ) STRICT`);
    const record = JSON.stringify(parseArticle(makeArticle({ id: 'old' })));
    old
      .prepare(
        `INSERT INTO articles VALUES ('old', ?, 'v1', 1714521600000, 1714521600000, '2024-05-01T00:00:00Z', 1, 1,
         'example.com')`,
      )
      .run(record);
    old.close();

    const store = createSqliteStore({ path });
    try {
      expect((await store.get('old'))?.article.id).toBe('old');
      await store.put(parseArticle(makeArticle({ id: 'new', headline: 'Written after the upgrade' })));
      expect((await store.get('new'))?.article.headline).toBe('Written after the upgrade');
    } finally {
      await store.close();
    }
    const db = new Database(path, { readonly: true });
    try {
      expect(columns(db)).not.toContain('modified_ms');
      expect(columns(db)).toContain('published_ms');
      expect(db.prepare('SELECT count(*) AS n FROM articles').get()).toEqual({ n: 2 });
    } finally {
      db.close();
    }
  });
});
