import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Koa from 'koa';
import { pino } from 'pino';
import { createSqliteStore } from '../../src/articles/index.js';
import { cardSpecForArticle, createCardService, createImageLoader } from '../../src/cards/index.js';
import { loadConfig } from '../../src/config.js';
import { feedContentRules } from '../../src/feeds/index.js';
import { createApp } from '../../src/http/app.js';
import { FONTS_DIR } from '../../src/setup/paths.js';
import { openStoreFromConfig } from '../../src/setup/store.js';
import { feedArticles, loadSeed, variantOf } from '../lib/fixtures.js';
import type { CannedResponse, FromServer, ToServer } from './server-protocol.js';

/**
 * A server under test, in its own process so that autocannon (in the bench process) never shares its event loop:
 * either syndicard's real Koa app (SQLite store on a temp file, card service with 2 render workers, pino silent),
 * or the baseline, a bare node:http server replaying the bytes and headers syndicard sent (and its 304's headers).
 */
let server: Server | undefined;
let cleanup: (() => Promise<void>) | undefined;
let renderLoad: { stop(): Promise<FromServer> } | undefined;
let startLoad: ((concurrency: number) => void) | undefined;
const delay = monitorEventLoopDelay({ resolution: 1 });

function send(message: FromServer): void {
  process.send?.(message);
}

async function listen(s: Server): Promise<number> {
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return (s.address() as AddressInfo).port;
}

async function startApp(message: Extract<ToServer, { type: 'start-app' }>): Promise<void> {
  // Several instances share one data directory (one SQLite file); the bench removes a shared one itself.
  const dataDir = message.sharedDataDir ?? (await mkdtemp(join(tmpdir(), 'syndicard-bench-')));
  const config = loadConfig({
    SYNDICARD_DATA_DIR: dataDir,
    SYNDICARD_BASE_URL: 'http://127.0.0.1:3000',
    SYNDICARD_API_TOKENS: 'bench-token-0123456789',
    SYNDICARD_LOG_LEVEL: 'silent',
    SYNDICARD_FEED_LIMIT: '50',
    SYNDICARD_DEMO: '0',
    ...(message.databaseUrl ? { SYNDICARD_DATABASE_URL: message.databaseUrl } : {}),
  });
  const log = pino({ level: 'silent' });
  const seed = await loadSeed(message.photoUrl);
  // Opened as main.ts opens it: article HTML sanitised once, when stored, under the feeds' content rules.
  const contentRules = feedContentRules({ embedHosts: config.embedHosts, language: seed.site.language });
  const store = message.databaseUrl
    ? await openStoreFromConfig(config, { contentRules })
    : createSqliteStore({ path: join(dataDir, 'syndicard.db'), contentRules });
  await store.importMany([seed.article, ...feedArticles(seed.article, message.feedItems)]);
  const cards = await createCardService({
    fontsDir: FONTS_DIR,
    imageLoader: createImageLoader({ allow: ['127.0.0.1'], timeoutMs: 5000, maxBytes: 10 * 1_048_576 }),
    cacheMaxBytes: config.cards.cacheMaxBytes,
    workers: message.workers,
    log,
  });
  const app = createApp({ config, site: seed.site, store, cards, log });
  server = createServer(app.callback());
  const port = await listen(server);
  const spec = cardSpecForArticle(seed.article, seed.site);
  const cardPath = `/cards/${seed.article.id}/${cards.version(spec)}.jpg`;

  startLoad = (concurrency) => {
    let stopping = false;
    let started = 0;
    let done = 0;
    let failed = 0;
    const lanes = Array.from({ length: concurrency }, async () => {
      while (!stopping) {
        const i = started++;
        const template = i % 2 === 0 ? 'photo' : 'plain';
        const article = variantOf(seed.article, i, 'load');
        try {
          await cards.render(cardSpecForArticle(article, seed.site, template), template === 'photo' ? 'jpeg' : 'png');
          done++;
        } catch {
          // Counted and reported: a failed render under load is a finding, not a reason to stop the load.
          failed++;
        }
      }
    });
    renderLoad = {
      async stop() {
        stopping = true;
        await Promise.all(lanes);
        return { type: 'renders', started, done, failed };
      },
    };
  };
  cleanup = async () => {
    await cards.close();
    await store.close();
    if (!message.sharedDataDir) await rm(dataDir, { recursive: true, force: true });
  };
  send({ type: 'listening', port, cardPath, feedPath: '/feed.rss' });
}

async function startKoa(responses: CannedResponse[]): Promise<void> {
  const byPath = new Map(responses.map((r) => [r.path, { ...r, body: Buffer.from(r.body) }]));
  const app = new Koa();
  app.use(async function replay(ctx) {
    const response = byPath.get(ctx.url);
    if (!response) return;
    if (ctx.get('if-none-match') === response.etag) {
      ctx.status = 304;
      ctx.set(
        response.notModifiedHeaders ?? {
          etag: response.etag,
          'cache-control': response.headers['cache-control'] ?? '',
        },
      );
      return;
    }
    ctx.set(response.headers);
    ctx.body = response.body;
  });
  server = createServer(app.callback());
  send({ type: 'listening', port: await listen(server) });
}

async function startPlain(responses: CannedResponse[]): Promise<void> {
  const byPath = new Map(responses.map((r) => [r.path, { ...r, body: Buffer.from(r.body) }]));
  server = createServer((req, res) => {
    const response = byPath.get(req.url ?? '');
    if (!response) {
      res.writeHead(404).end();
      return;
    }
    if (req.headers['if-none-match'] === response.etag) {
      res
        .writeHead(
          304,
          response.notModifiedHeaders ?? {
            etag: response.etag,
            'cache-control': response.headers['cache-control'] ?? '',
          },
        )
        .end();
      return;
    }
    res.writeHead(200, response.headers);
    res.end(response.body);
  });
  send({ type: 'listening', port: await listen(server) });
}

process.on('message', (message: ToServer) => {
  const handle = async () => {
    switch (message.type) {
      case 'start-app':
        return startApp(message);
      case 'start-plain':
        return startPlain(message.responses);
      case 'start-koa':
        return startKoa(message.responses);
      case 'start-renders':
        startLoad?.(message.concurrency);
        return send({ type: 'ack' });
      case 'stop-renders':
        if (!renderLoad) return send({ type: 'error', message: 'no render load running' });
        return send(await renderLoad.stop());
      case 'start-loop-delay':
        delay.reset();
        delay.enable();
        return send({ type: 'ack' });
      case 'stop-loop-delay': {
        delay.disable();
        const ms = (ns: number) => ns / 1e6;
        return send({
          type: 'loop-delay',
          p50: ms(delay.percentile(50)),
          p99: ms(delay.percentile(99)),
          max: ms(delay.max),
          mean: ms(delay.mean),
        });
      }
    }
  };
  handle().catch((error: unknown) =>
    send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});

// The bench going away closes the channel: shut the workers and the store down, then leave.
process.on('disconnect', () => {
  server?.closeAllConnections();
  server?.close();
  void (cleanup?.() ?? Promise.resolve()).finally(() => process.exit(0));
});
