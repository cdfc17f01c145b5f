import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSqliteStore, parseArticle, type StoreUnavailableError } from '../../src/articles/index.js';
import { openSqliteStore } from '../../src/articles/sqlite/sqlite-open.js';
import { damageMiddleOfArticles, storeWithArticles } from '../helpers/damage.js';
import { makeArticle } from '../helpers/fixtures.js';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'syndicard-damage-'));
  path = join(dir, 'syndicard.db');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('a damaged store', () => {
  it('is refused at open by quick_check, naming the file and what SQLite found, and is not written to', async () => {
    await storeWithArticles(path, 2000);
    damageMiddleOfArticles(path);
    const before = statSync(path).mtimeMs;
    const failure = await openSqliteStore({ path }).catch((err: unknown) => err as Error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toContain(`the article store ${path} is damaged (SQLite quick_check:`);
    expect((failure as Error).message).toContain('restore it from a backup');
    expect(statSync(path).mtimeMs).toBe(before);
  }, 60_000);

  it('a check still running at the deadline goes on, and its finding turns readiness and writes off', async () => {
    await storeWithArticles(path, 2000);
    damageMiddleOfArticles(path);
    const damage: StoreUnavailableError[] = [];
    let slow = 0;
    // A zero deadline: start-up never waits, so the finding can only arrive in the background.
    const store = await openSqliteStore({
      path,
      checkTimeoutMs: 0,
      onSlowCheck: () => slow++,
      onDamage: (err) => damage.push(err),
    });
    try {
      expect(slow).toBe(1);
      await vi.waitFor(() => expect(damage).toHaveLength(1), { timeout: 30_000, interval: 50 });
      await expect(store.probe()).rejects.toMatchObject({ code: 'STORE_CORRUPT', status: 503 });
      await expect(store.put(parseArticle(makeArticle({ id: 'after-damage' })))).rejects.toMatchObject({
        code: 'STORE_CORRUPT',
      });
      expect((damage[0]!.cause as Error).message).toContain('quick_check');
    } finally {
      await store.close();
    }
  }, 60_000);

  it('found by a query while running: 503 STORE_CORRUPT, reported once, writes refused, other reads go on', async () => {
    await storeWithArticles(path, 2000);
    const damage: StoreUnavailableError[] = [];
    const store = createSqliteStore({ path, onDamage: (err) => damage.push(err) });
    try {
      expect((await store.get('article-0'))?.article.headline).toBe('Article number 0');
      await store.probe();
      damageMiddleOfArticles(path);
      // Walking every article reaches the damaged page.
      const walk = async () => {
        let cursor: string | undefined;
        do {
          const page = await store.list({ limit: 200, cursor });
          cursor = page.nextCursor;
        } while (cursor);
      };
      await expect(walk()).rejects.toMatchObject({ code: 'STORE_CORRUPT', status: 503 });
      await expect(walk()).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
      expect(damage).toHaveLength(1);
      await expect(store.probe()).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
      await expect(store.put(parseArticle(makeArticle({ id: 'new-one' })))).rejects.toMatchObject({
        code: 'STORE_CORRUPT',
      });
      await expect(store.delete('article-0')).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
      // Pages that are sound still serve.
      expect((await store.get('article-0'))?.article.headline).toBe('Article number 0');
    } finally {
      await store.close();
    }
  }, 60_000);
});
