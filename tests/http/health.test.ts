import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import Koa from 'koa';
import { pino } from 'pino';
import supertest from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { type ArticleStore, createSqliteStore } from '../../src/articles/index.js';
import { errorHandler } from '../../src/http/middleware/error-handler.js';
import { healthRoutes } from '../../src/http/routes/health.js';
import { AUTH, makeTestApp, putJson } from '../helpers/app.js';
import { damageMiddleOfArticles, storeWithArticles } from '../helpers/damage.js';
import { makeArticle } from '../helpers/fixtures.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'syndicard-health-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Only the health routes behind the real error boundary, over a store the test controls. */
function healthApp(store: ArticleStore, lifecycle = { draining: false }, cacheMs?: number) {
  const app = new Koa();
  app.use(errorHandler(pino({ level: 'silent' })));
  app.use(healthRoutes({ store, lifecycle, cacheMs }).routes());
  return supertest(app.callback());
}

describe('/healthz and /readyz', () => {
  it('are 200 on a store that can be read and written', async () => {
    const t = await makeTestApp();
    cleanups.push(() => t.close());
    const live = await t.request.get('/healthz');
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ status: 'ok', articles: 0 });
    const ready = await t.request.get('/readyz').set('Accept', 'application/json');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready' });
    expect(ready.headers['cache-control']).toBe('no-store');
  });

  it('readiness reuses one probe for a moment, so a flood of probes is not a flood of writes', async () => {
    const real = createSqliteStore({ path: ':memory:' });
    cleanups.push(() => real.close());
    let probes = 0;
    const counted: ArticleStore = {
      ...real,
      probe: () => {
        probes++;
        return real.probe();
      },
    };
    // A cache far longer than the test, so a loaded machine cannot make it expire in between.
    const cached = healthApp(counted, undefined, 600_000);
    const answers = await Promise.all(Array.from({ length: 50 }, () => cached.get('/readyz')));
    expect(answers.every((res) => res.status === 200)).toBe(true);
    expect(probes).toBe(1);
    // And without the cache every probe is a real one (so the count above could fail).
    const uncached = healthApp(counted, undefined, 0);
    await uncached.get('/readyz');
    await uncached.get('/readyz');
    expect(probes).toBe(3);
  });

  it('is 503 NOT_READY with Retry-After while shutting down; liveness stays 200', async () => {
    const real = createSqliteStore({ path: ':memory:' });
    cleanups.push(() => real.close());
    const request = healthApp(real, { draining: true });
    const res = await request.get('/readyz').set('Accept', 'application/json');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body.error.code).toBe('NOT_READY');
    expect(res.body.error.issues[0].message).toMatch(/^SHUTTING_DOWN/);
    expect((await request.get('/healthz')).status).toBe(200);
  });
});

describe('a write that cannot get the lock', () => {
  it('answers 503 STORE_BUSY with Retry-After, never 500; readiness says so; the write lands once the lock is free', async () => {
    const path = join(tempDir(), 'syndicard.db');
    const store = createSqliteStore({ path, busyTimeoutMs: 100 });
    const t = await makeTestApp({ store });
    cleanups.push(() => t.close());
    const other = new Database(path);
    cleanups.push(() => other.close());
    other.exec("BEGIN IMMEDIATE; INSERT INTO meta (key, value) VALUES ('import', 'running')");

    const busy = await putJson(t, 'busy-1', makeArticle({ id: 'busy-1' }));
    expect(busy.status).toBe(503);
    expect(busy.headers['retry-after']).toBe('1');
    expect(busy.body.error.code).toBe('STORE_BUSY');
    expect(busy.body.error.message).toMatch(/busy with another writer/);
    const ready = await t.request.get('/readyz').set('Accept', 'application/json');
    expect(ready.status).toBe(503);
    expect(ready.body.error).toMatchObject({ code: 'NOT_READY' });
    expect(ready.body.error.issues[0].message).toMatch(/^STORE_BUSY/);

    other.exec('COMMIT');
    expect((await t.request.get('/api/articles/busy-1').set(AUTH)).status).toBe(404);
    const retried = await putJson(t, 'busy-1', makeArticle({ id: 'busy-1' }));
    expect(retried.status).toBe(201);
    const stored = await t.request.get('/api/articles/busy-1').set(AUTH);
    expect(stored.body.article.headline).toBe(makeArticle().headline);
  });
});

describe('a page damaged while the service runs', () => {
  it('answers 503 STORE_CORRUPT (not 500), turns /readyz off, keeps /healthz, and refuses writes', async () => {
    const path = join(tempDir(), 'syndicard.db');
    await storeWithArticles(path, 2000);
    let reported = 0;
    const store = createSqliteStore({ path, onDamage: () => reported++ });
    const t = await makeTestApp({ store });
    cleanups.push(() => t.close());
    // (Not through /readyz: its answer is reused for a second, and this test must not depend on the clock.)
    await expect(store.probe()).resolves.toBeUndefined();
    damageMiddleOfArticles(path);

    const statuses: number[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 20; i++) {
      const res = await t.request.get(`/api/articles?limit=200${cursor ? `&cursor=${cursor}` : ''}`).set(AUTH);
      statuses.push(res.status);
      if (res.status === 503) {
        expect(res.body.error.code).toBe('STORE_CORRUPT');
        expect(res.headers['retry-after']).toBe('300');
        break;
      }
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    expect(statuses).not.toContain(500);
    expect(statuses.at(-1)).toBe(503);
    expect(reported).toBe(1);

    // Readiness is off from now on, without waiting for another bad read.
    const ready = await t.request.get('/readyz').set('Accept', 'application/json');
    expect(ready.status).toBe(503);
    expect(ready.body.error.issues[0].message).toMatch(/^STORE_CORRUPT/);
    expect((await t.request.get('/healthz')).status).toBe(200);
    const put = await putJson(t, 'written-after-damage', makeArticle({ id: 'written-after-damage' }));
    expect(put.status).toBe(503);
    expect(put.body.error.code).toBe('STORE_CORRUPT');
    expect(await store.count({})).toBe(2000);
  }, 60_000);
});
