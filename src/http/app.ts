import Router from '@koa/router';
import Koa from 'koa';
import { MEDIA_DIR } from '../cards/index.js';
import { createFeedService } from '../feeds/index.js';
import type { AppDeps } from './deps.js';
import { createFastPath, type FastPath } from './fast-path.js';
import { errorHandler } from './middleware/error-handler.js';
import { createFailureTally } from './middleware/failure-tally.js';
import { authFailureLimit, memoryLimiter } from './middleware/rate-limit.js';
import { requestLog } from './middleware/request-log.js';
import { securityHeaderLists, securityHeaders } from './middleware/security-headers.js';
import { createRepresentationSender } from './representation.js';
import { adHocCardRoutes } from './routes/ad-hoc-cards.js';
import { apiDocsRoutes } from './routes/api-docs.js';
import { articlePageRoutes } from './routes/article-page.js';
import { articlesApiRoutes } from './routes/articles-api.js';
import { cardRoutes } from './routes/cards.js';
import { feedRoutes } from './routes/feeds.js';
import { healthRoutes } from './routes/health.js';
import { homeRoutes } from './routes/home.js';
import { mediaRoutes } from './routes/media.js';
import { metricsRoutes } from './routes/metrics.js';
import { publisherPageRoutes } from './routes/publisher-pages.js';

/**
 * Koa with the fast path in front (fast-path.ts): `callback()`, which main.ts, the tests and the benchmarks hand to
 * node:http, answers settled feeds and cards itself and gives every other request to Koa.
 */
export class SyndicardApp extends Koa {
  constructor(
    options: { proxy: boolean; maxIpsCount: number },
    readonly fastPath: FastPath,
  ) {
    super(options);
  }

  override callback(): ReturnType<Koa['callback']> {
    return this.fastPath.wrap(super.callback()) as ReturnType<Koa['callback']>;
  }
}

/**
 * Builds the Koa app; never listens (main.ts does). Middleware order:
 *   1. requestLog      — outermost, so it sees the final status, errors included; X-Request-Id; request metrics
 *   2. securityHeaders — set once the response is decided, so error responses carry them too
 *   3. errorHandler    — the one error boundary: 4xx shown, 5xx hidden unless ours, JSON for /api
 *   4. routers       — home, feeds, cards, article pages, ad-hoc cards, API; routes that need a bearer token or a
 *                      JSON body add those middlewares themselves, so public paths never pay for them
 */
export function createApp(deps: AppDeps): SyndicardApp {
  const { config, site, store, cards, log, lifecycle, metrics } = deps;
  const { baseUrl, apiTokens: tokens, bodyLimitBytes } = config;
  // Behind a reverse proxy (SYNDICARD_TRUST_PROXY=1) the client's address is the last X-Forwarded-For entry, the one
  // our proxy wrote; anything earlier in the header the client could have written itself.
  const { embedHosts } = config;
  const security = securityHeaderLists({ embedHosts });
  const fastPath = createFastPath({ store, security: security.other, log, metrics });
  const app = new SyndicardApp({ proxy: config.server.trustProxy, maxIpsCount: 1 }, fastPath);
  // Errors are logged by errorHandler; Koa's default handler would print them to stderr a second time.
  app.silent = true;
  app.on('error', (err) => log.error({ err }, 'unhandled koa error'));

  const sender = createRepresentationSender({ fastPath });
  // One tally for every refused request (503s, 429s, failed credentials): one warn line per interval with counts.
  const tally = createFailureTally(log, 10_000, 'requests refused (counts by code)');
  const renderLimiter = memoryLimiter(config.limits.adHocRendersPerMinute);
  const feeds = createFeedService({
    store,
    site,
    baseUrl,
    limit: config.feeds.limit,
    archivePageSize: config.feeds.archivePageSize,
    hubs: config.websubHubs,
    embedHosts,
    onBuild: metrics?.onFeedBuild,
  });
  metrics?.attach({ store, cards });
  const signingKeys = config.cards.signingKeys;
  const routers = [
    homeRoutes({ store, site, baseUrl }),
    healthRoutes({ store, lifecycle }),
    feedRoutes({ feeds, sender, maxAgeSeconds: config.feeds.maxAgeSeconds, baseUrl, hubs: config.websubHubs }),
    cardRoutes({ store, site, cards, sender, baseUrl }),
    articlePageRoutes({ store, site, cards, baseUrl, tokens, embedHosts }),
    adHocCardRoutes({ site, cards, sender, signingKeys, tokens, bodyLimitBytes, baseUrl, renderLimiter, tally }),
    articlesApiRoutes({ store, tokens, bodyLimitBytes, baseUrl }),
    publisherPageRoutes({ store, site, cards, baseUrl }),
    apiDocsRoutes({ baseUrl, siteName: site.name }),
    mediaRoutes({ dir: MEDIA_DIR }),
    metricsRoutes({ metrics, tokens: config.metricsTokens }),
  ];

  // One router holding every route: a request is matched once, not once per feature router (a feed poll went
  // through twelve router middlewares before, ~15 % of its CPU time).
  const router = new Router();
  for (const feature of routers) router.use(feature.routes());

  app.use(requestLog(log, metrics));
  app.use(securityHeaders(security));
  app.use(errorHandler(log, { tally }));
  app.use(authFailureLimit(memoryLimiter(config.limits.authFailuresPerMinute), tally));
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}
