import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ArticleStore, createSqliteStore, InvalidCursorError, parseArticle } from '../../src/articles/index.js';
import { makeArticle, makeClock } from '../helpers/fixtures.js';

const open: ArticleStore[] = [];
function memoryStore(clock = makeClock()) {
  const store = createSqliteStore({ path: ':memory:', clock: clock.now });
  open.push(store);
  return store;
}
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
});

const article = (id: string, publishedAt: string, extra: Record<string, unknown> = {}) =>
  parseArticle(makeArticle({ id, publishedAt, updatedAt: undefined, ...extra }));

describe('createSqliteStore', () => {
  it('creates, replaces and recognises an identical repeat', async () => {
    const clock = makeClock();
    const store = memoryStore(clock);
    const seed = parseArticle(makeArticle());
    const first = await store.put(seed);
    expect(first).toMatchObject({ created: true, changed: true });
    expect(first.stored.article).toEqual(seed);
    clock.advance(1000);
    const repeat = await store.put(seed);
    expect(repeat).toMatchObject({ created: false, changed: false });
    expect(repeat.stored.storedAt).toEqual(first.stored.storedAt);
    expect((await store.state()).revision).toBe(1);

    clock.advance(1000);
    const edited = await store.put({ ...seed, headline: 'New headline', publishedAt: '2023-04-15T00:00:00Z' });
    expect(edited).toMatchObject({ created: false, changed: true });
    expect(edited.stored.version).not.toBe(first.stored.version);
    expect(edited.stored.createdAt).toEqual(first.stored.createdAt);
    expect(edited.stored.storedAt.getTime()).toBe(first.stored.storedAt.getTime() + 2000);
    // The tag: URI date comes from the first publishedAt, so item ids survive corrections.
    expect(edited.stored.firstPublishedAt).toBe(seed.publishedAt);
    expect(await store.state()).toMatchObject({ revision: 2, count: 1, changedAt: edited.stored.storedAt });
  });

  it('deletes, moving the change time forward, and reports missing ids', async () => {
    const clock = makeClock();
    const store = memoryStore(clock);
    await store.put(article('a', '2024-01-01T00:00:00Z'));
    clock.advance(60_000);
    expect(await store.delete('a')).toBe(true);
    expect(await store.get('a')).toBeUndefined();
    expect(await store.delete('a')).toBe(false);
    const state = await store.state();
    expect(state).toMatchObject({ revision: 2, count: 0 });
    expect(state.changedAt?.toISOString()).toBe('2026-01-02T03:05:05.000Z');
    expect(await store.latest({ limit: 10, scope: { kind: 'tag', slug: 'true-crime' } })).toEqual([]);
  });

  it('lists newest first with a cursor that walks every article once', async () => {
    const store = memoryStore();
    const dates = ['2024-01-03T00:00:00Z', '2024-01-01T00:00:00Z', '2024-01-02T00:00:00+05:00', '2024-01-02T00:00:00Z'];
    for (const [i, date] of dates.entries()) await store.put(article(`a${i}`, date));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.list({ limit: 3, cursor });
      seen.push(...page.items.map((s) => s.article.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['a0', 'a3', 'a2', 'a1']);
    await expect(store.list({ limit: 2, cursor: 'garbage' })).rejects.toBeInstanceOf(InvalidCursorError);
  });

  it('finds articles by section, author and tag slug, and names the scope', async () => {
    const store = memoryStore();
    await store.put(article('crime', '2024-01-01T00:00:00Z'));
    await store.put(
      article('sport', '2024-01-02T00:00:00Z', {
        section: 'Sport',
        tags: ['Football'],
        authors: [{ name: 'Zoë Ärger' }],
      }),
    );
    expect(
      (await store.latest({ limit: 5, scope: { kind: 'section', slug: 'news' } })).map((s) => s.article.id),
    ).toEqual(['crime']);
    expect(
      (await store.latest({ limit: 5, scope: { kind: 'tag', slug: 'true-crime' } })).map((s) => s.article.id),
    ).toEqual(['crime']);
    expect(
      (await store.latest({ limit: 5, scope: { kind: 'author', slug: 'zoe-aerger' } })).map((s) => s.article.id),
    ).toEqual(['sport']);
    expect(await store.scopeName({ kind: 'tag', slug: 'true-crime' })).toBe('True crime');
    expect(await store.scopeName({ kind: 'author', slug: 'robert-emlyn-slater' })).toBe('Robert Emlyn Slater');
    expect(await store.scopeName({ kind: 'tag', slug: 'nothing' })).toBeUndefined();
    // Re-tagging moves the article out of its old scope.
    await store.put(article('crime', '2024-01-01T00:00:00Z', { tags: ['Courts'] }));
    expect(await store.scopeName({ kind: 'tag', slug: 'true-crime' })).toBeUndefined();
  });

  it('imports many records in one transaction and counts what happened', async () => {
    const store = memoryStore();
    await store.put(article('a', '2024-01-01T00:00:00Z'));
    const result = await store.importMany([
      article('a', '2024-01-01T00:00:00Z'),
      article('b', '2024-01-02T00:00:00Z'),
      article('a', '2024-01-03T00:00:00Z'),
    ]);
    expect(result).toEqual({ created: 1, replaced: 1, unchanged: 1 });
    expect((await store.state()).count).toBe(2);
  });

  it('keeps data in a file across reopening, and sees writes from another connection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'syndicard-store-'));
    try {
      const path = join(dir, 'nested', 'syndicard.db');
      const server = createSqliteStore({ path });
      const cli = createSqliteStore({ path });
      expect((await server.state()).count).toBe(0);
      await cli.put(article('from-cli', '2024-01-01T00:00:00Z'));
      // Another process's write shows within the 200 ms the server's state() may be stale.
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect(await server.state()).toMatchObject({ count: 1, revision: 1 });
      await cli.close();
      await server.close();
      const reopened = createSqliteStore({ path });
      expect((await reopened.get('from-cli'))?.article.id).toBe('from-cli');
      await reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
