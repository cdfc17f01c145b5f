import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, relative } from 'node:path';
import { pino } from 'pino';
import { ensureWritableDirectory, idAuthorityFor, openPostgresStore } from './articles/index.js';
import { openSqliteStore } from './articles/sqlite/sqlite-open.js';
import { listenOrigin, loadConfig } from './config.js';
import { errorMessage } from './errors.js';
import { FEED_FILE, FEED_FORMATS, feedContentRules } from './feeds/index.js';
import { createApp } from './http/app.js';
import { createMetrics } from './http/metrics.js';
import { createHttpServer } from './http/server.js';
import { type ApiTokens, resolveApiTokens } from './setup/api-token.js';
import { createCardsFromConfig } from './setup/cards.js';
import { loadDemoArticles } from './setup/demo.js';
import { EXAMPLES_DIR } from './setup/paths.js';
import { loadSite } from './setup/site.js';
import { setUpWebSub } from './setup/websub.js';

/** Process entry: config → store → fonts and renderers → app → listen; SIGTERM/SIGINT drain and close. */
async function main(): Promise<void> {
  const config = loadConfig(process.env, process.cwd());
  // Readable, coloured lines on a terminal (pino-pretty); JSON lines for log collectors otherwise.
  const log = pino({
    level: config.logLevel,
    base: { service: 'syndicard' },
    ...(process.stdout.isTTY ? { transport: { target: 'pino-pretty', options: { colorize: true } } } : {}),
  });
  const metrics = createMetrics();
  // The site file is checked before the data directory is made, so a typo in it leaves nothing behind.
  const site = await loadSite(config.sitePath, config.baseUrl);
  // A data directory that does not exist yet is one this start creates (the only place the demo goes).
  const freshDataDir = !existsSync(config.dataDir);
  ensureWritableDirectory(config.dataDir, 'SYNDICARD_DATA_DIR');

  const apiTokens = await resolveApiTokens(config.apiTokens, config.dataDir);
  const { tokens } = apiTokens;
  const storePath = join(config.dataDir, 'syndicard.db');
  // Ids take the site file's canonical host; the embedded site's fixed name otherwise, never HOST/PORT/BASE_URL.
  const idAuthority = idAuthorityFor(config.sitePath ? site.url : undefined);
  const { url: databaseUrl, poolSize } = config.database;
  // Article HTML is sanitised once, when stored; records stored under other rules are redone as the store opens.
  const contentRules = feedContentRules({ embedHosts: config.embedHosts, language: site.language });
  const store = databaseUrl
    ? await openPostgresStore({ url: databaseUrl, poolSize, idAuthority, log, contentRules })
    : await openSqliteStore({
        path: storePath,
        idAuthority,
        contentRules,
        onContentRefresh: ({ records, rules }) =>
          log.info({ records, rules }, 'published HTML recomputed under new content rules'),
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
  // The demo goes only into a data directory this start created, and never into PostgreSQL (always an existing store).
  const demo = config.demo && freshDataDir && !databaseUrl ? await loadDemoArticles(websub.store, config.baseUrl) : 0;
  const cards = await createCardsFromConfig(config, log, { observer: metrics.cardObserver });

  const lifecycle = { draining: false };
  const app = createApp({
    config: { ...config, apiTokens: tokens },
    site,
    store: websub.store,
    cards,
    log,
    lifecycle,
    metrics,
  });
  const server: Server = createHttpServer(app.callback(), config.server).listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', (err: NodeJS.ErrnoException) => reject(listenError(err, config.host, config.port)));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const origin = config.baseUrl;
  const lines = [
    `syndicard listening on ${listenOrigin(config.host, port)} (public URL ${origin})`,
    ...FEED_FORMATS.map((format) => `  feed:  ${origin}/${FEED_FILE[format]}`),
    `  data:  ${databaseUrl ? 'PostgreSQL, ' : ''}${config.dataDir}${demo ? ` (new: loaded ${demo} demo articles; SYNDICARD_DEMO=0 turns this off)` : ''}`,
    ...tokenLines(apiTokens, origin),
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

/**
 * The token itself only on the start that generated it (a banner ends up in logs), then where it is kept; the
 * `try:` line runs as printed, reading the token from its file.
 */
function tokenLines({ file, generated, tokens }: ApiTokens, origin: string): string[] {
  if (!file) {
    return [
      `  API:   ${tokens.length} token(s) from SYNDICARD_API_TOKENS; send one as "Authorization: Bearer …" to ${origin}/api/`,
    ];
  }
  const seed = relative(process.cwd(), join(EXAMPLES_DIR, 'seed-article.json'));
  const data = seed.startsWith('..') ? join(EXAMPLES_DIR, 'seed-article.json') : seed;
  return [
    generated ? `  API token (generated now, kept in ${file}): ${tokens[0]}` : `  API token: kept in ${file}`,
    `  try:   curl -X PUT -H "Authorization: Bearer $(cat ${file})" -H "Content-Type: application/json" --data @${data} ${origin}/api/articles/${SEED_ID}`,
  ];
}

/** The id of examples/seed-article.json, for the banner's `try:` line. */
const SEED_ID = 'baby-p-mum-befriends-woman-who-smothered-daughter';

/** Listening fails on the address or the port: name the setting (HOST, PORT) and the cause. */
function listenError(err: NodeJS.ErrnoException, host: string, port: number): Error {
  const causes: Record<string, string> = {
    EADDRINUSE: `port ${port} is already in use (PORT)`,
    EACCES: `port ${port} needs more privileges than this process has (PORT)`,
    EADDRNOTAVAIL: `${host} is not an address of this machine (HOST)`,
    ENOTFOUND: `the host name ${host} does not resolve (HOST)`,
    EAI_AGAIN: `the host name ${host} could not be resolved (HOST)`,
  };
  const cause = causes[err.code ?? ''];
  return new Error(
    cause
      ? `cannot listen on HOST=${host} PORT=${port}: ${cause}`
      : `cannot listen on HOST=${host} PORT=${port}: ${err.message}`,
    { cause: err },
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`syndicard could not start: ${errorMessage(err)}\n`);
  process.exit(1);
});
