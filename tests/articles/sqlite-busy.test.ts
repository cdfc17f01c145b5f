import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteStore, parseArticle, type SqliteStore, StoreUnavailableError } from '../../src/articles/index.js';
import { makeArticle } from '../helpers/fixtures.js';

let dir: string;
let path: string;
const article = (id: string) => parseArticle(makeArticle({ id }));
const open: Array<{ close(): unknown }> = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'syndicard-busy-'));
  path = join(dir, 'syndicard.db');
});
afterEach(async () => {
  for (const handle of open.splice(0).reverse()) await handle.close();
  rmSync(dir, { recursive: true, force: true });
});

function store(busyTimeoutMs: number): SqliteStore {
  const s = createSqliteStore({ path, busyTimeoutMs });
  open.push(s);
  return s;
}

/** Another process's writer, holding SQLite's write lock (BEGIN IMMEDIATE) until released. */
function holdWriteLock(): { release(): void } {
  const other = new Database(path);
  open.push(other);
  other.exec("BEGIN IMMEDIATE; INSERT INTO meta (key, value) VALUES ('other-writer', 'x')");
  return { release: () => other.exec('COMMIT') };
}

describe('concurrent writers on one SQLite file', () => {
  it('a write waits for another writer to commit, with the event loop free meanwhile, then succeeds', async () => {
    const s = store(30_000);
    const lock = holdWriteLock();
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    const put = s.put(article('waited'));
    // The lock is released by a timer: it can only fire if the waiting write leaves the event loop free.
    setTimeout(() => lock.release(), 150);
    const result = await put;
    clearInterval(ticker);
    expect(result.created).toBe(true);
    expect(ticks).toBeGreaterThan(0);
    expect((await s.get('waited'))?.article.id).toBe('waited');
  });

  it('answers STORE_BUSY (503, Retry-After) after the busy timeout and leaves the store as it was', async () => {
    const s = store(100);
    await s.put(article('before'));
    const revision = (await s.state()).revision;
    const lock = holdWriteLock();
    const failure = await s.put(article('refused')).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(StoreUnavailableError);
    expect(failure).toMatchObject({ code: 'STORE_BUSY', status: 503, headers: { 'Retry-After': '1' } });
    await expect(s.delete('before')).rejects.toMatchObject({ code: 'STORE_BUSY' });
    lock.release();
    expect(await s.get('refused')).toBeUndefined();
    expect(await s.get('before')).toBeDefined();
    expect((await s.state()).revision).toBe(revision);
    // Once the lock is free the same write goes through.
    expect((await s.put(article('refused'))).created).toBe(true);
  });

  it('queues this process’s own writers: many at once while the lock is held all land once it is free', async () => {
    const s = store(30_000);
    const lock = holdWriteLock();
    const puts = Array.from({ length: 40 }, (_, i) => s.put(article(`queued-${i}`)));
    setTimeout(() => lock.release(), 100);
    const results = await Promise.all(puts);
    expect(results.every((r) => r.created)).toBe(true);
    expect(await s.count({})).toBe(40);
  });

  it('reads are not blocked by another writer (WAL)', async () => {
    const s = store(100);
    await s.put(article('readable'));
    const lock = holdWriteLock();
    expect((await s.get('readable'))?.article.id).toBe('readable');
    expect((await s.latest({ limit: 5 })).map((x) => x.article.id)).toEqual(['readable']);
    lock.release();
  });

  it('probe() says STORE_BUSY while the lock is held past the timeout, and resolves once it is free', async () => {
    const s = store(100);
    const lock = holdWriteLock();
    await expect(s.probe()).rejects.toMatchObject({ code: 'STORE_BUSY' });
    lock.release();
    await expect(s.probe()).resolves.toBeUndefined();
  });
});
