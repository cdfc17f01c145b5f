import type { Server } from 'node:http';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { type ArticleStore, idAuthorityFor, openPostgresStore } from '../../src/articles/index.js';
import {
  type CardService,
  createCardService,
  createImageLoader,
  createSharedCardCache,
  type SharedCardCache,
} from '../../src/cards/index.js';
import { createApp } from '../../src/http/app.js';
import { FONTS_DIR } from '../../src/setup/paths.js';
import { makeConfig, makeSite, TEST_TOKEN } from '../helpers/fixtures.js';

/**
 * One syndicard instance as main.ts wires it with SYNDICARD_DATABASE_URL and SYNDICARD_REDIS_URL set: the real
 * PostgreSQL store, the card service with the shared Redis cache, createApp, listening on 127.0.0.1 port 0.
 */
export interface Instance {
  origin: string;
  store: ArticleStore;
  cards: CardService;
  shared: SharedCardCache;
  close(): Promise<void>;
}

export async function startInstance(options: { databaseUrl: string; redisUrl: string; prefix: string }) {
  const config = makeConfig({
    SYNDICARD_DATABASE_URL: options.databaseUrl,
    SYNDICARD_REDIS_URL: options.redisUrl,
    SYNDICARD_REDIS_PREFIX: options.prefix,
    SYNDICARD_IMAGE_ALLOW: '127.0.0.1',
  });
  const site = makeSite();
  const log = pino({ level: process.env.SYNDICARD_TEST_LOG ?? 'silent' });
  const store = await openPostgresStore({
    url: options.databaseUrl,
    poolSize: 3,
    idAuthority: idAuthorityFor(site.url),
    log,
  });
  const shared = createSharedCardCache({
    url: options.redisUrl,
    prefix: options.prefix,
    ttlSeconds: config.redis.cardTtlSeconds,
    // On a loaded CI machine a cold render can take many seconds: the waiting instances must not give up (the
    // bounded wait itself is tested in tests/cards/shared-cache.test.ts).
    waitMs: 120_000,
    log,
  });
  const cards = await createCardService({
    fontsDir: FONTS_DIR,
    imageLoader: createImageLoader({
      allow: config.cards.imageAllow,
      timeoutMs: config.cards.imageTimeoutMs,
      maxBytes: config.cards.imageMaxBytes,
    }),
    cacheMaxBytes: config.cards.cacheMaxBytes,
    workers: 1,
    renderTimeoutMs: 60_000,
    log,
    shared,
  });
  const server: Server = createApp({ config, site, store, cards, log }).listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    store,
    cards,
    shared,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await cards.close();
      await store.close();
    },
  } satisfies Instance;
}

export const AUTH_HEADERS = { Authorization: `Bearer ${TEST_TOKEN}`, 'Content-Type': 'application/json' };

/** PUT through the API; returns the status, the parsed body and the headers. */
export async function put(instance: Instance, record: { id: string; [field: string]: unknown }) {
  const res = await fetch(`${instance.origin}/api/articles/${record.id}`, {
    method: 'PUT',
    headers: AUTH_HEADERS,
    body: JSON.stringify(record),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

/** Removes every key under `prefix` (SCAN, never FLUSH: the Redis may be shared with other test runs). */
export async function deleteRedisPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 200 })) {
      if ((keys as string[]).length > 0) await redis.del(...(keys as string[]));
    }
  } finally {
    redis.disconnect();
  }
}
