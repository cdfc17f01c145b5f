import { type Logger, pino } from 'pino';
import supertest, { type Response } from 'supertest';
import { afterEach, beforeEach } from 'vitest';
import { type ArticleStore, createSqliteStore, idAuthorityFor, type Site } from '../../src/articles/index.js';
import { type CardService, createCardService, createImageLoader } from '../../src/cards/index.js';
import type { Config } from '../../src/config.js';
import { createApp } from '../../src/http/app.js';
import { createMetrics } from '../../src/http/metrics.js';
import { FONTS_DIR } from '../../src/setup/paths.js';
import { makeClock, makeConfig, makeSite, TEST_TOKEN } from './fixtures.js';

export interface TestApp {
  request: ReturnType<typeof supertest>;
  store: ArticleStore;
  cards: CardService;
  config: Readonly<Config>;
  site: Site;
  clock: ReturnType<typeof makeClock>;
  callback: ReturnType<ReturnType<typeof createApp>['callback']>;
  app: ReturnType<typeof createApp>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  /** Measure with Prometheus metrics (served at /metrics when SYNDICARD_METRICS_TOKEN is in env). */
  metrics?: boolean;
  /** A logger of the test's own (to read the request log); silent by default. */
  log?: Logger;
  site?: Site;
  cacheDir?: string;
  /** A store of the test's own (a file, a fault); closed with the app. Default: a fresh in-memory store. */
  store?: ArticleStore;
}

/** The real app on an in-memory store, through app.callback(): no port, no internet, a pinned clock. */
export async function makeTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const config = makeConfig(options.env);
  const clock = makeClock();
  const site = options.site ?? makeSite();
  const log = options.log ?? pino({ level: 'silent' });
  const metrics = options.metrics ? createMetrics({ defaultMetrics: false }) : undefined;
  const store =
    options.store ?? createSqliteStore({ path: ':memory:', clock: clock.now, idAuthority: idAuthorityFor(site.url) });
  const cards = await createCardService({
    fontsDir: FONTS_DIR,
    imageLoader: createImageLoader({
      allow: config.cards.imageAllow,
      timeoutMs: config.cards.imageTimeoutMs,
      maxBytes: config.cards.imageMaxBytes,
    }),
    cacheDir: options.cacheDir,
    cacheMaxBytes: config.cards.cacheMaxBytes,
    workers: 1,
    retryUnavailableMs: config.cards.photoRetryMs,
    retryUnavailableMaxMs: config.cards.photoRetryMaxMs,
    log,
    observer: metrics?.cardObserver,
  });
  const app = createApp({ config, site, store, cards, log, metrics });
  const callback = app.callback();
  return {
    request: supertest(callback),
    store,
    cards,
    config,
    site,
    clock,
    callback,
    app,
    async close() {
      await cards.close();
      await store.close();
    },
  };
}

export const AUTH = { Authorization: `Bearer ${TEST_TOKEN}` } as const;

/** A PUT of any body (valid or not) through the API, with the test token, for asserting on the answer. */
export function putJson(t: TestApp, id: string, body: unknown) {
  return t.request
    .put(`/api/articles/${id}`)
    .set(AUTH)
    .set('Content-Type', 'application/json')
    .send(JSON.stringify(body));
}

/** A fresh app per test in this file (beforeEach/afterEach); call the returned function inside tests to get it. */
export function useTestApp(options: TestAppOptions = {}): () => TestApp {
  let current: TestApp | undefined;
  beforeEach(async () => {
    current = await makeTestApp(options);
  });
  afterEach(async () => {
    await current?.close();
  });
  return () => {
    if (!current) throw new Error('useTestApp(): the app exists only inside a test');
    return current;
  };
}

/** PUTs a record through the API, failing the test on anything but 200/201. */
export async function putArticle(t: TestApp, record: { id: string }): Promise<void> {
  const res = await t.request
    .put(`/api/articles/${encodeURIComponent(record.id)}`)
    .set(AUTH)
    .set('Content-Type', 'application/json')
    .send(JSON.stringify(record));
  if (res.status !== 200 && res.status !== 201) throw new Error(`PUT ${record.id} answered ${res.status}: ${res.text}`);
}

/** supertest's parser for image bodies: the raw bytes as a Buffer in `res.body`. */
export function binaryParser(res: Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}
