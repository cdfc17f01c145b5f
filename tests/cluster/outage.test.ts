import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FEED_FILE, FEED_FORMATS } from '../../src/feeds/index.js';
import { makeArticle } from '../helpers/fixtures.js';
import { type ImageServer, startImageServer } from '../helpers/image-server.js';
import { withClient } from '../helpers/postgres.js';
import { AUTH_HEADERS, type Instance, put, startInstance } from './instance.js';
import { startThrowawayPostgres, startThrowawayRedis, type ThrowawayServer } from './throwaway-servers.js';

/**
 * PostgreSQL and Redis going away under two serving instances, and coming back. These are real servers of the
 * test's own (throwaway-servers.ts), really stopped: PostgreSQL by an immediate shutdown (no checkpoint, as a crash),
 * Redis killed. The machine's shared servers are never touched.
 */
let pg: ThrowawayServer;
let redis: ThrowawayServer;
let images: ImageServer;
let a: Instance;
let b: Instance;
const prefix = 'syndicard-outage:';

beforeAll(async () => {
  [pg, redis, images] = await Promise.all([startThrowawayPostgres(), startThrowawayRedis(), startImageServer()]);
  [a, b] = await Promise.all([
    startInstance({ databaseUrl: pg.url, redisUrl: redis.url, prefix }),
    startInstance({ databaseUrl: pg.url, redisUrl: redis.url, prefix }),
  ]);
  await vi.waitFor(() => expect(a.shared.connected() && b.shared.connected()).toBe(true), { timeout: 10_000 });
}, 120_000);

afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await Promise.all([pg?.destroy(), redis?.destroy(), images?.close()]);
});

const get = async (instance: Instance, path: string) => {
  const res = await fetch(`${instance.origin}${path}`);
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
};

function record(id: string, headline: string) {
  const seed = makeArticle({ id, headline, updatedAt: undefined });
  return { ...seed, image: { ...seed.image!, url: `${images.origin}/hero.jpg` } };
}

const READS = [...FEED_FORMATS.map((format) => `/${FEED_FILE[format]}`), '/articles/before-1', '/cards/before-1.png'];
/** Feeds (current, scoped, archive) and a page that no instance builds or reads before the outage. */
const NEVER_READ = [
  '/sections/news/feed.rss',
  '/tags/true-crime/feed.atom',
  '/authors/robert-emlyn-slater/feed.json',
  '/archive/1/feed.rss',
  '/articles/before-2',
];

describe('PostgreSQL and Redis going away and coming back', { timeout: 240_000 }, () => {
  it('keeps serving reads, refuses writes with 503 and Retry-After, then accepts them again, losing nothing', async () => {
    // What was acknowledged, by id: the version (ETag) each instance answered.
    const acknowledged = new Map<string, string>();
    const write = async (instance: Instance, id: string, headline: string) => {
      const res = await put(instance, record(id, headline));
      if (res.status === 200 || res.status === 201) acknowledged.set(id, res.headers.get('etag')!);
      return res;
    };
    for (const [i, instance] of [a, b, a].entries()) {
      expect((await write(instance, `before-${i}`, `Stored before the outage ${i}`)).status).toBe(201);
    }
    // Both instances serve every read once, so each has built and cached what it will be asked for.
    const served = new Map<string, Buffer>();
    for (const instance of [a, b]) {
      await vi.waitFor(async () => expect((await get(instance, '/feed.json')).body.toString()).toContain('outage 2'), {
        timeout: 10_000,
      });
      for (const path of READS) {
        const res = await get(instance, path);
        expect(res.status, path).toBe(200);
        served.set(`${instance.origin}${path}`, res.body);
      }
    }

    await Promise.all([pg.stop(), redis.stop()]);

    for (const instance of [a, b]) {
      for (const path of READS) {
        const res = await get(instance, path);
        expect(res.status, `${path} while both are down`).toBe(200);
        expect(res.body.equals(served.get(`${instance.origin}${path}`)!), path).toBe(true);
      }
      // What this instance never built or read has nothing to fall back on: a clear 503 naming the fault (no 500),
      // and no half-built document kept (checked below: each is served once the database is back).
      for (const path of NEVER_READ) {
        const res = await get(instance, path);
        expect(res.status, `${path} never read, while the database is down`).toBe(503);
        expect(res.headers.get('retry-after'), path).toMatch(/^\d+$/);
        // Feeds and pages answer errors in plain text (error-handler.ts), with the store's own words.
        expect(res.body.toString(), path).toContain('the article database cannot be reached');
        expect(res.headers.get('cache-control'), path).toBe('no-store');
      }
      const refused = await write(instance, 'during-outage', 'Sent while the database was down');
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(refused.body).toMatchObject({ error: { code: 'STORE_UNAVAILABLE' } });
      const deleted = await fetch(`${instance.origin}/api/articles/before-0`, {
        method: 'DELETE',
        headers: AUTH_HEADERS,
      });
      expect(deleted.status).toBe(503);
      expect(deleted.headers.get('retry-after')).toMatch(/^\d+$/);
    }
    expect(acknowledged.has('during-outage')).toBe(false);

    await Promise.all([pg.start(), redis.start()]);

    // Both reconnect on their own: the client retries as told until the write is taken.
    for (const instance of [b, a]) {
      await vi.waitFor(
        async () =>
          expect((await write(instance, 'during-outage', 'Sent again once it was back')).status).toBeLessThan(300),
        { timeout: 60_000, interval: 500 },
      );
    }
    expect((await write(a, 'after-outage', 'Stored after the outage')).status).toBe(201);
    await vi.waitFor(() => expect(a.shared.connected() && b.shared.connected()).toBe(true), { timeout: 30_000 });

    // Nothing acknowledged is lost: every id, at the version acknowledged last, from both instances and in SQL.
    expect([...acknowledged.keys()].sort()).toEqual([
      'after-outage',
      'before-0',
      'before-1',
      'before-2',
      'during-outage',
    ]);
    for (const instance of [a, b]) {
      for (const [id, etag] of acknowledged) {
        const res = await fetch(`${instance.origin}/api/articles/${id}`, { headers: AUTH_HEADERS });
        expect(res.status, id).toBe(200);
        expect(res.headers.get('etag'), id).toBe(etag);
      }
      await vi.waitFor(
        async () => expect((await get(instance, '/feed.atom')).body.toString()).toContain('Stored after the outage'),
        { timeout: 10_000, interval: 50 },
      );
    }
    // The feeds refused during the outage are built now, from the database (the archive page does not exist yet:
    // three articles all fit in the current feed).
    for (const path of NEVER_READ) {
      const res = await get(b, path);
      expect(res.status, `${path} once the database is back`).toBe(path.includes('/archive/') ? 404 : 200);
    }
    expect((await get(b, '/sections/news/feed.rss')).body.toString()).toContain('Stored after the outage');
    const rows = await withClient(pg.url, (client) =>
      client.query<{ id: string }>('SELECT id FROM articles ORDER BY id'),
    );
    expect(rows.rows.map((r) => r.id)).toEqual(['after-outage', 'before-0', 'before-1', 'before-2', 'during-outage']);
    expect((await a.store.state()).revision).toBe(5);

    // Cards are shared again: a new card drawn by one instance is served by the other without drawing it.
    const before = a.cards.stats().renders + b.cards.stats().renders;
    expect((await get(a, '/cards/after-outage.png')).status).toBe(200);
    expect((await get(b, '/cards/after-outage.png')).status).toBe(200);
    expect(a.cards.stats().renders + b.cards.stats().renders - before).toBe(1);
  });
});
