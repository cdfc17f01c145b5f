import { pino } from 'pino';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ArticleStore, createSqliteStore } from '../../src/articles/index.js';
import { type CardService, createCardService, createImageLoader, loadFonts } from '../../src/cards/index.js';
import { createRenderPool, type RenderPool } from '../../src/cards/render/render-pool.js';
import type { RenderHook } from '../../src/cards/render/render-protocol.js';
import { createApp } from '../../src/http/app.js';
import { FONTS_DIR } from '../../src/setup/paths.js';
import { makeSpec as makeSpecLike } from '../cards/card-fixtures.js';
import { AUTH, binaryParser, putArticle, type TestApp } from '../helpers/app.js';
import { makeArticle, makeConfig, makeSite } from '../helpers/fixtures.js';

/**
 * The 503s a client sees when the renderers cannot take a card: the real render pool (child processes, with its
 * test hooks: a worker that aborts as on a resvg panic, one that hangs) behind the real app and error handler.
 * The card service's render() is routed to that pool so a test can say which way the next render fails.
 */
let store: ArticleStore;
let real: CardService;
let pool: RenderPool;
let request: ReturnType<typeof supertest>;
let nextHook: RenderHook | undefined;
const warnings: unknown[] = [];

beforeAll(async () => {
  const config = makeConfig();
  const log = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line)) });
  store = createSqliteStore({ path: ':memory:' });
  const fonts = await loadFonts(FONTS_DIR);
  real = await createCardService({
    fontsDir: FONTS_DIR,
    fonts,
    imageLoader: createImageLoader({ allow: [], timeoutMs: 1000, maxBytes: 1_048_576 }),
    cacheMaxBytes: 1_048_576,
    workers: 1,
    log,
  });
  pool = createRenderPool({ fonts: fonts.fonts, workers: 1, timeoutMs: 20_000, maxQueue: 1, log, testHooks: true });
  const cards: CardService = {
    ...real,
    render: async (spec, format) => {
      const hook = nextHook;
      nextHook = undefined;
      const { bytes } = await pool.render({ spec, template: 'plain', format }, hook);
      return { ...(await real.render(spec, format)), bytes };
    },
  };
  const app = createApp({ config, site: makeSite(), store, cards, log });
  request = supertest(app.callback());
  await putArticle({ request } as TestApp, makeArticle({ id: 'plain-one', image: undefined }));
}, 60_000);
afterAll(async () => {
  await pool?.close();
  await real?.close();
  await store?.close();
});

const directJob = (headline: string, hook?: RenderHook) =>
  pool.render({ spec: { ...makeSpecLike(), headline }, template: 'plain', format: 'png' }, hook);
const job = () => directJob('Waiting');

describe('503 answers', { timeout: 120_000 }, () => {
  it('a worker crash answers 503 CARD_RENDER_FAILED with Retry-After, and the next request is served', async () => {
    nextHook = 'abort';
    const res = await request.get('/cards/plain-one.png').set('Accept', 'application/json');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('2');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.error.code).toBe('CARD_RENDER_FAILED');
    expect(res.body.error.message).toMatch(/renderer process exited/);
    const again = await request.get('/cards/plain-one.png').buffer(true).parse(binaryParser);
    expect(again.status).toBe(200);
    expect(pool.stats().spawned).toBe(2);
  });

  it('a full render queue answers 503 CARD_QUEUE_FULL with Retry-After; shed requests are tallied, not logged each', async () => {
    await job(); // a ready worker
    const before = warnings.length;
    const hung = directJob('Hung', 'hang');
    const waiting = job();
    const res = await request.get('/cards/plain-one.png');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.text).toMatch(/cards are already waiting for a renderer/);
    const api = await request
      .post('/api/cards')
      .set(AUTH)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ headline: 'Shed' }));
    expect(api.status).toBe(503);
    expect(api.body.error.code).toBe('CARD_QUEUE_FULL');
    expect(api.headers['retry-after']).toBe('1');

    const answers = await Promise.all(Array.from({ length: 20 }, () => request.get('/cards/plain-one.png')));
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(503));
    // Twenty-two shed requests: at most the first of an interval and one summary, never an error line with a stack.
    const lines = warnings.slice(before) as { msg: string; err?: unknown }[];
    expect(lines.filter((line) => line.msg.startsWith('requests answered 503')).length).toBeLessThanOrEqual(2);
    expect(lines.filter((line) => line.msg === 'request failed')).toEqual([]);
    expect(lines.length).toBeLessThan(5);

    await expect(hung).rejects.toMatchObject({ code: 'CARD_RENDER_FAILED' });
    await waiting;
  });
});
