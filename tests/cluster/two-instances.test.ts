import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FEED_FILE, FEED_FORMATS } from '../../src/feeds/index.js';
import { makeArticle } from '../helpers/fixtures.js';
import { type ImageServer, startImageServer } from '../helpers/image-server.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';
import { deleteRedisPrefix, type Instance, put, startInstance } from './instance.js';

/**
 * Two instances on the machine's PostgreSQL (a database of this test's own) and Redis (keys under a prefix of this
 * test's own), as issue 9 runs them: what one is told, the other serves.
 */
const REDIS_URL = process.env.SYNDICARD_TEST_REDIS ?? 'redis://127.0.0.1:6379';
const prefix = `syndicard-test:${randomBytes(6).toString('hex')}:`;
let db: TestDatabase;
let images: ImageServer;
let a: Instance;
let b: Instance;

beforeAll(async () => {
  db = await createTestDatabase();
  images = await startImageServer();
  [a, b] = await Promise.all([
    startInstance({ databaseUrl: db.url, redisUrl: REDIS_URL, prefix }),
    startInstance({ databaseUrl: db.url, redisUrl: REDIS_URL, prefix }),
  ]);
  await vi.waitFor(() => expect(a.shared.connected() && b.shared.connected()).toBe(true), { timeout: 10_000 });
}, 60_000);

afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await db?.drop();
  await images?.close();
  await deleteRedisPrefix(REDIS_URL, prefix);
});

const text = async (instance: Instance, path: string) => {
  const res = await fetch(`${instance.origin}${path}`);
  return { status: res.status, etag: res.headers.get('etag'), body: await res.text() };
};

function record(id: string, headline: string) {
  const seed = makeArticle({ id, headline, updatedAt: undefined });
  return { ...seed, image: { ...seed.image!, url: `${images.origin}/hero.jpg` } };
}

const FEED_PATHS = FEED_FORMATS.map((format) => `/${FEED_FILE[format]}`);
/** The bound of issue 9: a write through any instance shows in every instance's feeds within a second. */
const FRESH_MS = 1000;
const POLL_MS = 20;

/**
 * Milliseconds from `since` (the PUT's response) to the first GET of each feed on `instance` whose body shows
 * `needle`, polling all three feeds together every POLL_MS as a reader on the other instance would. Polling stops at
 * 10 s, so a miss fails with the figures rather than a timeout.
 */
async function visibleAfter(instance: Instance, needle: string, since: number): Promise<Record<string, number>> {
  const seen: Record<string, number> = {};
  while (Object.keys(seen).length < FEED_PATHS.length && performance.now() - since < 10_000) {
    const round = performance.now();
    await Promise.all(
      FEED_PATHS.filter((path) => !(path in seen)).map(async (path) => {
        const { body } = await text(instance, path);
        if (body.includes(needle)) seen[path] = Math.round(performance.now() - since);
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, round + POLL_MS - performance.now())));
  }
  return seen;
}

const everyFeed = (ms: number) => Object.fromEntries(FEED_PATHS.map((path) => [path, ms]));

/** Asserts issue 9's bound: every feed of `instance` shows `needle` within FRESH_MS of `since`. */
async function expectEveryFeedFresh(instance: Instance, needle: string, since: number, label: string): Promise<void> {
  const seen = await visibleAfter(instance, needle, since);
  console.info(`${label} after ${JSON.stringify(seen)} ms`);
  expect(seen).toEqual(everyFeed(expect.any(Number)));
  for (const ms of Object.values(seen)) expect(ms).toBeLessThan(FRESH_MS);
}

// Card renders on a loaded two-core machine: generous time. The one timing asserted is issue 9's own bound, a second
// from a write to every feed on the other instance: NOTIFY arrives within milliseconds of the commit and the next poll
// rebuilds the feed from the new revision (tens of milliseconds on a loaded machine), so the second holds with room.
describe('two instances on one PostgreSQL and one Redis', { timeout: 240_000 }, () => {
  it('serve a write made through either one in the other’s feeds and pages within a second', async () => {
    // Both have built their feeds before the write, as polled instances would have.
    for (const instance of [a, b]) for (const path of FEED_PATHS) expect((await text(instance, path)).status).toBe(200);

    const first = record('cluster-one', 'Written through instance A');
    const written = await put(a, first);
    const acknowledged = performance.now();
    expect(written.status).toBe(201);
    await expectEveryFeedFresh(b, 'Written through instance A', acknowledged, "instance B served A's write");
    expect((await text(b, '/articles/cluster-one')).body).toContain('Written through instance A');

    const edited = await put(b, { ...first, headline: 'Edited through instance B' });
    const editAcknowledged = performance.now();
    expect(edited.status).toBe(200);
    await expectEveryFeedFresh(a, 'Edited through instance B', editAcknowledged, "instance A served B's edit");
    expect((await text(a, '/feed.atom')).body).not.toContain('Written through instance A');

    // One revision, one document: both instances answer the same bytes under the same validator.
    const [fromA, fromB] = await Promise.all([text(a, '/feed.atom'), text(b, '/feed.atom')]);
    expect(fromA.etag).toBe(fromB.etag);
    expect(fromA.body).toBe(fromB.body);
    expect(await a.store.state()).toEqual(await b.store.state());
  });

  it('render a new card once for a burst of requests spread over both', async () => {
    expect((await put(a, record('cluster-card', 'One card for the whole cluster'))).status).toBe(201);
    // Each instance's renderer is started (and has the photo) before the burst: it measures one new card only.
    expect((await put(a, record('warm-a', 'Warms the renderer of A'))).status).toBe(201);
    expect((await put(a, record('warm-b', 'Warms the renderer of B'))).status).toBe(201);
    const warm = await Promise.all([fetch(`${a.origin}/cards/warm-a.png`), fetch(`${b.origin}/cards/warm-b.png`)]);
    expect(warm.map((r) => r.status)).toEqual([200, 200]);
    const before = a.cards.stats().renders + b.cards.stats().renders;
    const sharedBefore = a.shared.stats().rendered + b.shared.stats().rendered;
    const burst = await Promise.all(
      Array.from({ length: 16 }, async (_, i) => {
        const res = await fetch(`${(i % 2 ? a : b).origin}/cards/cluster-card.png`);
        return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
      }),
    );
    expect(burst.map((r) => r.status)).toEqual(Array(16).fill(200));
    for (const r of burst) expect(r.bytes.equals(burst[0]!.bytes)).toBe(true);
    expect(a.cards.stats().renders + b.cards.stats().renders - before).toBe(1);
    // The instance that did not draw it took the bytes from Redis.
    expect(a.shared.stats().rendered + b.shared.stats().rendered - sharedBefore).toBe(1);

    // A later request on either instance renders nothing either.
    const again = await fetch(`${a.origin}/cards/cluster-card.png`);
    expect(Buffer.from(await again.arrayBuffer()).equals(burst[0]!.bytes)).toBe(true);
    expect(a.cards.stats().renders + b.cards.stats().renders - before).toBe(1);
  });
});
