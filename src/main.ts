import type { Server } from 'node:http';
import { join } from 'node:path';
import { pino } from 'pino';
import { ensureWritableDirectory, idAuthorityFor, openPostgresStore } from './articles/index.js';
import { openSqliteStore } from './articles/sqlite-open.js';
import { loadConfig } from './config.js';
import { FEED_FILE, FEED_FORMATS } from './feeds/index.js';
import { createApp } from './http/app.js';
import { resolveApiTokens } from './setup/api-token.js';
import { createCardsFromConfig } from './setup/cards.js';
import { loadDemoArticles } from './setup/demo.js';
import { loadSite } from './setup/site.js';
import { setUpWebSub } from './setup/websub.js';

/** Process entry: config → store → fonts and renderers → app → listen; SIGTERM/SIGINT drain and close. */
async function main(): Promise<void> {
  const config = loadConfig(process.env, process.cwd());
  const log = pino({ level: config.logLevel, base: { service: 'syndicard' } });
  ensureWritableDirectory(config.dataDir, 'SYNDICARD_DATA_DIR');

  const { tokens, generatedFile } = await resolveApiTokens(config.apiTokens, config.dataDir);
  const site = await loadSite(config.sitePath, config.baseUrl);
  const storePath = join(config.dataDir, 'syndicard.db');
  // Ids take the site file's canonical host; the embedded site's fixed name otherwise, never HOST/PORT/BASE_URL.
  const idAuthority = idAuthorityFor(config.sitePath ? site.url : undefined);
  const { url: databaseUrl, poolSize } = config.database;
  const store = databaseUrl
    ? await openPostgresStore({ url: databaseUrl, poolSize, idAuthority, log })
    : await openSqliteStore({
        path: storePath,
        idAuthority,
        busyTimeoutMs: config.store.busyTimeoutMs,
        checkTimeoutMs: config.store.checkTimeoutMs,
        onSlowCheck: () =>
          log.warn(
            { file: storePath, waitedMs: config.store.checkTimeoutMs },
            'quick_check of the store is still running (a large file): starting anyway; a damaged page it finds later turns readiness off (SYNDICARD_QUICK_CHECK_MS)',
          ),
        onDamage: (err) =>
          log.fatal(
            { err, file: storePath, code: err.code, detail: (err.cause as Error | undefined)?.message },
            `ARTICLE STORE DAMAGED: ${storePath} has a damaged page; readiness is off and writes are refused. Stop the service, run "syndicard check", and restore from a backup (docs/operations.md)`,
          ),
      });
  // Writes go through `websub.store`, which tells the hubs (SYNDICARD_WEBSUB_HUBS) about each change it commits.
  const websub = setUpWebSub(store, config, log);
  const demo = config.demo ? await loadDemoArticles(websub.store) : 0;
  const cards = await createCardsFromConfig(config, log);

  const lifecycle = { draining: false };
  const app = createApp({ config: { ...config, apiTokens: tokens }, site, store: websub.store, cards, log, lifecycle });
  const server: Server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const origin = config.baseUrl;
  const lines = [
    `syndicard listening on http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port} (public URL ${origin})`,
    ...FEED_FORMATS.map((format) => `  feed:  ${origin}/${FEED_FILE[format]}`),
    `  data:  ${databaseUrl ? 'PostgreSQL, ' : ''}${config.dataDir}${demo ? ` (loaded ${demo} demo articles; SYNDICARD_DEMO=0 turns this off)` : ''}`,
    generatedFile
      ? `  API token (kept in ${generatedFile}): ${tokens[0]}`
      : `  API tokens: ${tokens.length} configured (SYNDICARD_API_TOKENS)`,
    `  try:   curl -X PUT -H "Authorization: Bearer <token>" -H "Content-Type: application/json" --data @article.json ${origin}/api/articles/<id>`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  // SIGTERM: stop accepting, let /readyz say so, finish the requests in flight (keep-alive connections are closed
  // as they go idle), then close renderers and the store. Past the grace period whatever is left is cut off.
  const shutdown = (signal: string) => {
    if (lifecycle.draining) return;
    lifecycle.draining = true;
    log.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down: draining requests in flight');
    const cutOff = setTimeout(() => {
      log.warn({ graceMs: config.shutdownGraceMs }, 'grace period over: closing the connections still open');
      server.closeAllConnections();
      process.exit(1);
    }, config.shutdownGraceMs);
    cutOff.unref();
    server.close(async () => {
      // Pings still pending go out now; a hub that is down does not hold the shutdown past 5 s.
      await websub.publisher.close(5000);
      await cards.close();
      await store.close();
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`syndicard could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
