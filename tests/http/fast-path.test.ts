import { createServer, type RequestListener, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import Koa from 'koa';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ArticleStore, createSqliteStore, type StoreState } from '../../src/articles/index.js';
import { makeTestApp, putArticle, type TestApp } from '../helpers/app.js';
import { makeArticle } from '../helpers/fixtures.js';

/**
 * The fast path (src/http/fast-path.ts) answers settled feeds in front of Koa. Every answer it gives must
 * be the one Koa gives: the same status, the same header fields in the same order with the same values, the same
 * bytes. Each request here goes first to the app's Koa handler alone (which also settles the entry) and then to the
 * app's callback, which must answer it from the fast path; both over real sockets, headers compared raw.
 */

const HUB = 'https://hub.example.test/';
const METRICS_TOKEN = 'metrics-token-0123456789';
let t: TestApp;
let slow: Server;
let fast: Server;
const lines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line));
    done();
  },
});

async function listen(callback: RequestListener): Promise<Server> {
  const server = createServer(callback);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

interface Raw {
  status: number;
  headers: [string, string][];
  body: Buffer;
}

function send(server: Server, method: string, path: string, headers: Record<string, string>): Promise<Raw> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const pairs: [string, string][] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) pairs.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
        resolve({ status: res.statusCode ?? 0, headers: pairs, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** What may differ between two answers to the same request: the moment, and a generated request id. */
const comparable = (raw: Raw) =>
  raw.headers
    .filter(([name]) => name !== 'Date')
    .map(([name, value]) =>
      name === 'X-Request-Id' && /^[0-9a-f-]{36}$/.test(value) ? [name, '(generated uuid)'] : [name, value],
    );

/** The request through Koa alone, then through the app's callback: the second must come from the fast path. */
async function both(method: string, path: string, headers: Record<string, string> = {}) {
  const viaKoa = await send(slow, method, path, headers);
  const hitsBefore = t.app.fastPath.hits;
  const viaFast = await send(fast, method, path, headers);
  expect(t.app.fastPath.hits, `${method} ${path} ${JSON.stringify(headers)} answered by the fast path`).toBe(
    hitsBefore + 1,
  );
  expect(viaFast.status).toBe(viaKoa.status);
  expect(comparable(viaFast)).toEqual(comparable(viaKoa));
  expect(viaFast.body.equals(viaKoa.body)).toBe(true);
  return { viaKoa, viaFast };
}

const etagOf = (raw: Raw) => raw.headers.find(([name]) => name === 'ETag')![1];

beforeAll(async () => {
  t = await makeTestApp({
    env: { SYNDICARD_WEBSUB_HUBS: HUB, SYNDICARD_METRICS_TOKEN: METRICS_TOKEN },
    log: pino({ level: 'info' }, sink),
    metrics: true,
  });
  await putArticle(t, makeArticle({ id: 'fast-one', image: undefined, tags: ['Fast Lane'] }));
  await putArticle(t, makeArticle({ id: 'fast-two', image: undefined, publishedAt: '2020-01-01T00:00:00Z' }));
  slow = await listen(Koa.prototype.callback.call(t.app));
  fast = await listen(t.callback);
}, 60_000);
afterAll(async () => {
  for (const server of [slow, fast]) {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  }
  await t?.close();
});

describe('fast path', () => {
  const FEEDS = ['/feed.rss', '/feed.atom', '/feed.json', '/tags/fast-lane/feed.rss'];
  const ENCODINGS: Record<string, string>[] = [
    {},
    { 'Accept-Encoding': 'gzip' },
    { 'Accept-Encoding': 'gzip, deflate, br' },
  ];

  it.each(FEEDS)('answers %s exactly as Koa does: 200s in each coding, HEAD, 304s and request ids', async (path) => {
    for (const encoding of ENCODINGS) {
      const { viaKoa } = await both('GET', path, encoding);
      expect(viaKoa.status).toBe(200);
      const etag = etagOf(viaKoa);
      await both('HEAD', path, encoding);
      expect((await both('GET', path, { ...encoding, 'If-None-Match': etag })).viaKoa.status).toBe(304);
      expect((await both('HEAD', path, { ...encoding, 'If-None-Match': `"other", ${etag}` })).viaKoa.status).toBe(304);
      expect((await both('GET', path, { ...encoding, 'If-None-Match': '"other"' })).viaKoa.status).toBe(200);
      const lastModified = viaKoa.headers.find(([name]) => name === 'Last-Modified')![1];
      expect((await both('GET', path, { ...encoding, 'If-Modified-Since': lastModified })).viaKoa.status).toBe(304);
      const before = new Date(Date.parse(lastModified) - 1000).toUTCString();
      expect((await both('GET', path, { ...encoding, 'If-Modified-Since': before })).viaKoa.status).toBe(200);
      // If-None-Match wins over If-Modified-Since (RFC 9110 §13.1.3).
      const mixed = { ...encoding, 'If-None-Match': '"other"', 'If-Modified-Since': lastModified };
      expect((await both('GET', path, mixed)).viaKoa.status).toBe(200);
      const { viaFast } = await both('GET', path, { ...encoding, 'X-Request-Id': 'proxy-trace-7' });
      expect(viaFast.headers).toContainEqual(['X-Request-Id', 'proxy-trace-7']);
    }
    // A current feed names its hub and itself (WebSub), as Koa wrote it.
    const { viaFast } = await both('GET', path, {});
    expect(viaFast.headers.find(([name]) => name === 'Link')?.[1]).toContain(`<${HUB}>; rel="hub"`);
  });

  it('leaves cards to Koa and the card service, which owns their bytes (a photo is checked again after a while)', async () => {
    const hits = t.app.fastPath.hits;
    const first = await send(fast, 'GET', '/cards/fast-one.png', {});
    expect(first.status).toBe(200);
    expect(first.headers).toContainEqual(['X-Card-Template', 'plain']);
    expect((await send(fast, 'GET', '/cards/fast-one.png', {})).status).toBe(200);
    expect((await send(fast, 'GET', '/cards/fast-one.png', { 'If-None-Match': etagOf(first) })).status).toBe(304);
    expect(t.app.fastPath.hits).toBe(hits);
  }, 60_000);

  it('logs and measures what it answers as the Koa path does', async () => {
    const count = async () => {
      const text = (await t.request.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`)).text;
      const line = text
        .split('\n')
        .find((l) => l.startsWith('http_request_duration_seconds_count{method="GET",route="/feed.json",status="200"}'));
      return Number(line?.split(' ').at(-1) ?? 0);
    };
    const counted = await count();
    lines.length = 0;
    const { viaFast } = await both('GET', '/feed.json', { 'X-Request-Id': 'trace-1' });
    const [viaKoaLine, viaFastLine] = lines.filter((line) => line.msg === 'request');
    expect(viaFastLine).toMatchObject({
      reqId: 'trace-1',
      route: '/feed.json',
      status: 200,
      bytes: viaFast.body.length,
    });
    const { reqId: _a, ms: _b, time: _c, ...koaFields } = viaKoaLine!;
    const { reqId: _d, ms: _e, time: _f, ...fastFields } = viaFastLine!;
    expect(fastFields).toEqual(koaFields);
    expect(await count()).toBe(counted + 2);
  });

  it('never answers from a revision the store has left: a change goes through Koa and settles again', async () => {
    const first = await send(fast, 'GET', '/feed.json', {});
    const before = JSON.parse(first.body.toString('utf8')).items.length;
    await putArticle(t, makeArticle({ id: 'fast-three', image: undefined }));
    const hits = t.app.fastPath.hits;
    const after = await send(fast, 'GET', '/feed.json', { 'If-None-Match': etagOf(first) });
    expect(t.app.fastPath.hits).toBe(hits);
    expect(after.status).toBe(200);
    expect(JSON.parse(after.body.toString('utf8')).items.length).toBe(before + 1);
    expect(etagOf(after)).not.toBe(etagOf(first));
    const again = await send(fast, 'GET', '/feed.json', { 'If-None-Match': etagOf(after) });
    expect(again.status).toBe(304);
    expect(t.app.fastPath.hits).toBe(hits + 1);
  }, 60_000);

  it('leaves everything else to Koa: other methods, query strings, unknown paths', async () => {
    const hits = t.app.fastPath.hits;
    await send(fast, 'GET', '/feed.rss', {});
    const settledHits = t.app.fastPath.hits;
    expect(settledHits).toBeGreaterThanOrEqual(hits);
    expect((await send(fast, 'POST', '/feed.rss', {})).status).toBe(405);
    expect((await send(fast, 'GET', '/feed.rss?utm_source=x', {})).status).toBe(200);
    expect((await send(fast, 'GET', '/feed.rss?utm_source=x', {})).status).toBe(200);
    expect((await send(fast, 'GET', '/no/such/feed.rss', {})).status).toBe(404);
    expect(t.app.fastPath.hits).toBe(settledHits);
  });
});

describe("fast path and the store's cached state", () => {
  it('answers within the request handler when the store has a fresh state to peek at, after state() when not', async () => {
    // A store whose peek the test controls: the state state() last answered, or nothing.
    const real = createSqliteStore({ path: ':memory:' });
    let peeking = true;
    let last: StoreState | undefined;
    let stateCalls = 0;
    const store: ArticleStore = {
      ...real,
      state: async () => {
        stateCalls++;
        last = await real.state();
        return last;
      },
      peekState: () => (peeking ? last : undefined),
    };
    const p = await makeTestApp({ store });
    /** Whether each response had its headers out before the app's handler returned. */
    const sentInHandler: boolean[] = [];
    const server = await listen((req, res) => {
      void p.callback(req, res);
      sentInHandler.push(res.headersSent);
    });
    try {
      await putArticle(p, makeArticle({ id: 'peek-one', image: undefined }));
      const settled = await send(server, 'GET', '/feed.json', {});
      const etag = etagOf(settled);
      const hits = p.app.fastPath.hits;
      const calls = stateCalls;

      const fresh = await send(server, 'GET', '/feed.json', { 'If-None-Match': etag });
      expect(fresh.status).toBe(304);
      expect(p.app.fastPath.hits).toBe(hits + 1);
      expect(sentInHandler.at(-1)).toBe(true);
      expect(stateCalls).toBe(calls);

      // Nothing to peek at (stale, or just written): the same answer, once state() has said the revision.
      peeking = false;
      const asked = await send(server, 'GET', '/feed.json', { 'If-None-Match': etag });
      expect(asked.status).toBe(304);
      expect(comparable(asked)).toEqual(comparable(fresh));
      expect(p.app.fastPath.hits).toBe(hits + 2);
      expect(sentInHandler.at(-1)).toBe(false);
      expect(stateCalls).toBe(calls + 1);

      // A peeked revision other than the entry's goes to Koa, which answers from the store as it is now.
      peeking = true;
      await putArticle(p, makeArticle({ id: 'peek-two', image: undefined }));
      await store.state();
      const moved = await send(server, 'GET', '/feed.json', { 'If-None-Match': etag });
      expect(moved.status).toBe(200);
      expect(etagOf(moved)).not.toBe(etag);
      expect(p.app.fastPath.hits).toBe(hits + 2);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await p.close();
    }
  }, 60_000);
});
