import Koa from 'koa';
import { createFeedService } from '../feeds/index.js';
import type { AppDeps } from './deps.js';
import { errorHandler } from './middleware/error-handler.js';
import { requestLog } from './middleware/request-log.js';
import { createRepresentationSender } from './representation.js';
import { articlesApiRoutes } from './routes/articles-api.js';
import { feedRoutes } from './routes/feeds.js';
import { homeRoutes } from './routes/home.js';

/**
 * Builds the Koa app; never listens (main.ts does). Middleware order:
 *   1. requestLog    — outermost, so it sees the final status, errors included
 *   2. errorHandler  — the one error boundary: 4xx shown, 5xx hidden, JSON for /api
 *   3. routers       — home, feeds, API (the API router adds bearer auth and JSON body parsing itself)
 */
export function createApp(deps: AppDeps): Koa {
  const { config, site, store, log } = deps;
  const app = new Koa({ proxy: false });
  // Errors are logged by errorHandler; Koa's default handler would print them to stderr a second time.
  app.silent = true;
  app.on('error', (err) => log.error({ err }, 'unhandled koa error'));

  const sender = createRepresentationSender();
  const feeds = createFeedService({ store, site, baseUrl: config.baseUrl, limit: config.feeds.limit });
  const routers = [
    homeRoutes({ store, site, baseUrl: config.baseUrl }),
    feedRoutes({ feeds, sender, maxAgeSeconds: config.feeds.maxAgeSeconds }),
    articlesApiRoutes({
      store,
      tokens: config.apiTokens,
      bodyLimitBytes: config.bodyLimitBytes,
      baseUrl: config.baseUrl,
    }),
  ];

  app.use(requestLog(log));
  app.use(errorHandler(log));
  for (const router of routers) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  return app;
}
