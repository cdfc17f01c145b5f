import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type ArticleStore,
  type ContentRules,
  createSqliteStore,
  InvalidCursorError,
  openPostgresStore,
  parseArticle,
  type StoreState,
} from '../../src/articles/index.js';
import { makeArticle, makeClock } from '../helpers/fixtures.js';
import { createTestDatabase } from '../helpers/postgres.js';

/**
 * The ArticleStore contract, run against every store: the same records, revisions, change times, order and scopes,
 * whichever database is behind it. Store-specific behaviour is tested beside (sqlite-store.test.ts,
 * postgres-store.test.ts).
 */
type Clock = ReturnType<typeof makeClock>;
type Extra = { contentRules?: ContentRules };

interface Backend {
  name: string;
  /** A fresh, empty database; open() gives another handle (connection, instance) on the same data each time. */
  setup(): Promise<{ open(clock: Clock, extra?: Extra): Promise<ArticleStore>; cleanup(): Promise<void> }>;
}

const backends: Backend[] = [
  {
    name: 'SQLite',
    async setup() {
      const dir = mkdtempSync(join(tmpdir(), 'syndicard-contract-'));
      return {
        open: async (clock, extra) =>
          createSqliteStore({ path: join(dir, 'syndicard.db'), clock: clock.now, ...extra }),
        cleanup: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'PostgreSQL',
    async setup() {
      const db = await createTestDatabase();
      return {
        open: (clock, extra) => openPostgresStore({ url: db.url, clock: clock.now, poolSize: 3, ...extra }),
        cleanup: () => db.drop(),
      };
    },
  },
];

const article = (id: string, publishedAt: string, extra: Record<string, unknown> = {}) =>
  parseArticle(makeArticle({ id, publishedAt, updatedAt: undefined, ...extra }));

describe.each(backends)('ArticleStore contract: $name', (backend) => {
  let data: Awaited<ReturnType<Backend['setup']>>;
  const open: ArticleStore[] = [];
  beforeEach(async () => {
    data = await backend.setup();
  });
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    await data.cleanup();
  });
  async function openStore(clock = makeClock(), extra: Extra = {}): Promise<ArticleStore> {
    const store = await data.open(clock, extra);
    open.push(store);
    return store;
  }

  it('creates, replaces and recognises an identical repeat', async () => {
    const clock = makeClock();
    const store = await openStore(clock);
    const seed = parseArticle(makeArticle());
    const first = await store.put(seed);
    expect(first).toMatchObject({ created: true, changed: true });
    expect(first.stored.article).toEqual(seed);
    expect(await store.get(seed.id)).toEqual(first.stored);
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
    expect(await store.get(seed.id)).toEqual(edited.stored);
    expect(await store.state()).toMatchObject({ revision: 2, count: 1, changedAt: edited.stored.storedAt });
  });

  /** Rules that say which version made the HTML, so a test can tell which rules each stored record went through. */
  const rulesV = (version: string): ContentRules => ({
    version,
    render: (a) => `<p>${version}: ${a.headline}</p>`,
  });

  it('stores the published HTML its content rules give, with every write', async () => {
    const store = await openStore(makeClock(), { contentRules: rulesV('v1') });
    const put = await store.put(article('a', '2024-01-01T00:00:00Z', { headline: 'One' }));
    expect(put.stored.published).toEqual({ rules: 'v1', html: '<p>v1: One</p>' });
    await store.importMany([article('b', '2024-01-02T00:00:00Z', { headline: 'Two' })]);
    await store.put(article('a', '2024-01-01T00:00:00Z', { headline: 'One, edited' }));
    expect((await store.get('a'))?.published).toEqual({ rules: 'v1', html: '<p>v1: One, edited</p>' });
    expect((await store.latest({ limit: 5 })).map((s) => s.published?.html)).toEqual([
      '<p>v1: Two</p>',
      '<p>v1: One, edited</p>',
    ]);
  });

  it('recomputes, when it opens, every record stored under other content rules, and changes nothing else', async () => {
    const before = await openStore(makeClock(), { contentRules: rulesV('v1') });
    // More records than one refresh batch (200), written by a handle with v1 rules and one with none.
    await before.importMany(
      Array.from({ length: 230 }, (_, i) => article(`r${String(i).padStart(3, '0')}`, '2024-01-01T00:00:00Z')),
    );
    const unruled = await openStore();
    await unruled.put(article('plain', '2024-01-03T00:00:00Z', { headline: 'Plain' }));
    expect((await unruled.get('plain'))?.published).toBeUndefined();
    const state = await unruled.state();
    expect(state.revision).toBe(231);
    const old = await before.get('r007');
    expect(old?.published?.rules).toBe('v1');

    // The rules change (a new sanitiser, other embed hosts): the next store opened with them redoes every record.
    const after = await openStore(makeClock(), { contentRules: rulesV('v2') });
    const all = [...(await after.list({ limit: 500 })).items];
    expect(all).toHaveLength(231);
    for (const stored of all) {
      expect(stored.published).toEqual({ rules: 'v2', html: `<p>v2: ${stored.article.headline}</p>` });
    }
    // The records themselves did not change: same version, same times, and no revision for feeds to rebuild on.
    const now = await after.get('r007');
    expect(now).toEqual({ ...old, published: { rules: 'v2', html: `<p>v2: ${old!.article.headline}</p>` } });
    expect(await after.state()).toMatchObject({ revision: state.revision, count: 231 });
  });

  it('answers latest() with what another handle wrote and edited since, whatever this handle has read before', async () => {
    const writer = await openStore(makeClock(), { contentRules: rulesV('v1') });
    const reader = await openStore(makeClock(), { contentRules: rulesV('v1') });
    for (const [i, date] of ['2024-01-01', '2024-01-02', '2024-01-03'].entries()) {
      await writer.put(article(`n${i}`, `${date}T00:00:00Z`, { headline: `Headline ${i}` }));
    }
    const headlines = async () =>
      (await reader.latest({ limit: 5 })).map((s) => [s.article.headline, s.published?.html]);
    expect(await headlines()).toEqual([
      ['Headline 2', '<p>v1: Headline 2</p>'],
      ['Headline 1', '<p>v1: Headline 1</p>'],
      ['Headline 0', '<p>v1: Headline 0</p>'],
    ]);
    // One edit and one new article: the reader has the other records from its last read, these it has not.
    await writer.put(article('n1', '2024-01-02T00:00:00Z', { headline: 'Headline 1, edited' }));
    await writer.put(article('n3', '2024-01-04T00:00:00Z', { headline: 'Headline 3' }));
    expect(await headlines()).toEqual([
      ['Headline 3', '<p>v1: Headline 3</p>'],
      ['Headline 2', '<p>v1: Headline 2</p>'],
      ['Headline 1, edited', '<p>v1: Headline 1, edited</p>'],
      ['Headline 0', '<p>v1: Headline 0</p>'],
    ]);
    expect(
      (await reader.latest({ limit: 2, scope: { kind: 'tag', slug: 'true-crime' } })).map((s) => s.article.id),
    ).toEqual(['n3', 'n2']);
  });

  it('opens even when its rules cannot render a stored record, leaving that record for readers to compute', async () => {
    const first = await openStore();
    await first.put(article('good', '2024-01-01T00:00:00Z'));
    await first.put(article('bad', '2024-01-02T00:00:00Z', { headline: 'Explodes' }));
    const picky: ContentRules = {
      version: 'picky',
      render: (a) => {
        if (a.headline === 'Explodes') throw new Error('cannot render');
        return '<p>ok</p>';
      },
    };
    const store = await openStore(makeClock(), { contentRules: picky });
    expect((await store.get('good'))?.published).toEqual({ rules: 'picky', html: '<p>ok</p>' });
    expect((await store.get('bad'))?.published).toBeUndefined();
  });

  it('starts empty, with no change time, and ready', async () => {
    const store = await openStore();
    await expect(store.probe()).resolves.toBeUndefined();
    expect(await store.state()).toEqual({ revision: 0, changedAt: undefined, count: 0 });
    expect(await store.list({ limit: 5 })).toEqual({ items: [] });
    expect(await store.get('nothing')).toBeUndefined();
  });

  it('peeks at the state state() would answer from its cache, and at nothing once its own write has moved it', async () => {
    const store = await openStore();
    expect(store.peekState).toBeTypeOf('function');
    /** state(), and the peek right after it. (PostgreSQL: the NOTIFY of our own write can land while state() reads,
     * which then caches nothing; ask again.) */
    const readThenPeek = async () => {
      let state: StoreState | undefined;
      await vi.waitFor(async () => {
        state = await store.state();
        expect(store.peekState!()).toBe(state);
      });
      return state!;
    };
    // Nothing read yet: the fast path has to ask state().
    expect(store.peekState!()).toBeUndefined();
    expect(await readThenPeek()).toMatchObject({ revision: 0, count: 0 });
    await store.put(article('a', '2024-01-01T00:00:00Z'));
    // Our own write is seen at once: no peek may answer the revision before it.
    expect(store.peekState!()).toBeUndefined();
    expect(await readThenPeek()).toMatchObject({ revision: 1, count: 1 });
    await store.delete('a');
    expect(store.peekState!()).toBeUndefined();
    expect(await readThenPeek()).toMatchObject({ revision: 2, count: 0 });
  });

  it('deletes, moving the change time forward, and reports missing ids', async () => {
    const clock = makeClock();
    const store = await openStore(clock);
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
    const store = await openStore();
    const dates = ['2024-01-03T00:00:00Z', '2024-01-01T00:00:00Z', '2024-01-02T00:00:00+05:00', '2024-01-02T00:00:00Z'];
    for (const [i, date] of dates.entries()) await store.put(article(`a${i}`, date));
    // Same time: ids break the tie in byte order (upper case before lower), whatever the database's locale.
    await store.put(article('B-same', '2024-01-01T00:00:00Z'));
    await store.put(article('a-same', '2024-01-01T00:00:00Z'));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.list({ limit: 3, cursor });
      seen.push(...page.items.map((s) => s.article.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['a0', 'a3', 'a2', 'a1', 'a-same', 'B-same']);
    expect((await store.latest({ limit: 2 })).map((s) => s.article.id)).toEqual(['a0', 'a3']);
    await expect(store.list({ limit: 2, cursor: 'garbage' })).rejects.toBeInstanceOf(InvalidCursorError);
  });

  it('finds articles by section, author and tag slug, and names the scope', async () => {
    const store = await openStore();
    await store.put(article('crime', '2024-01-01T00:00:00Z'));
    await store.put(
      article('sport', '2024-01-02T00:00:00Z', {
        section: 'Sport',
        tags: ['Football', 'football'],
        authors: [{ name: 'Zoë Ärger' }],
      }),
    );
    const ids = async (kind: 'section' | 'author' | 'tag', slug: string) =>
      (await store.latest({ limit: 5, scope: { kind, slug } })).map((s) => s.article.id);
    expect(await ids('section', 'news')).toEqual(['crime']);
    expect(await ids('tag', 'true-crime')).toEqual(['crime']);
    expect(await ids('author', 'zoe-aerger')).toEqual(['sport']);
    expect(await ids('tag', 'football')).toEqual(['sport']);
    expect(await store.scopeName({ kind: 'tag', slug: 'true-crime' })).toBe('True crime');
    expect(await store.scopeName({ kind: 'author', slug: 'robert-emlyn-slater' })).toBe('Robert Emlyn Slater');
    expect(await store.scopeName({ kind: 'tag', slug: 'football' })).toBe('Football');
    expect(await store.scopeName({ kind: 'tag', slug: 'nothing' })).toBeUndefined();
    // Re-tagging moves the article out of its old scope.
    await store.put(article('crime', '2024-01-01T00:00:00Z', { tags: ['Courts'] }));
    expect(await store.scopeName({ kind: 'tag', slug: 'true-crime' })).toBeUndefined();
    expect(await ids('tag', 'courts')).toEqual(['crime']);
  });

  it('imports many records in one transaction and counts what happened', async () => {
    const store = await openStore();
    await store.put(article('a', '2024-01-01T00:00:00Z'));
    const result = await store.importMany([
      article('a', '2024-01-01T00:00:00Z'),
      article('b', '2024-01-02T00:00:00Z'),
      article('a', '2024-01-03T00:00:00Z'),
    ]);
    expect(result).toEqual({ created: 1, replaced: 1, unchanged: 1 });
    // One revision per change, as if each record had been put on its own.
    expect(await store.state()).toMatchObject({ count: 2, revision: 3 });
    expect((await store.get('a'))?.article.publishedAt).toBe('2024-01-03T00:00:00Z');
    expect((await store.get('a'))?.firstPublishedAt).toBe('2024-01-01T00:00:00Z');
    expect(await store.importMany([])).toEqual({ created: 0, replaced: 0, unchanged: 0 });
    expect((await store.state()).revision).toBe(3);
  });

  it('moves the revision exactly once per change when several handles write at once, and each sees the others', async () => {
    const a = await openStore();
    const b = await openStore();
    const writes = [a, b].flatMap((store, s) =>
      Array.from({ length: 8 }, (_, i) =>
        store.put(article(`w${i}`, `2024-02-0${1 + (i % 5)}T00:00:00Z`, { headline: `Handle ${s}` })),
      ),
    );
    const results = await Promise.all(writes);
    // Both handles put the same 8 ids with different bodies: 16 changes, whichever order they committed in.
    expect(results.filter((r) => r.changed)).toHaveLength(16);
    expect(results.filter((r) => r.created)).toHaveLength(8);
    // Idempotent repeats of what is stored now change nothing.
    const stored = await Promise.all(Array.from({ length: 8 }, (_, i) => a.get(`w${i}`)));
    for (const s of stored) expect((await b.put(s!.article)).changed).toBe(false);
    await vi.waitFor(async () => expect(await a.state()).toMatchObject({ revision: 16, count: 8 }), {
      timeout: 5000,
      interval: 50,
    });
    await vi.waitFor(async () => expect(await b.state()).toMatchObject({ revision: 16, count: 8 }), {
      timeout: 5000,
      interval: 50,
    });
  });
});
