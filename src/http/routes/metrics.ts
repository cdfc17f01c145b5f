import Router from '@koa/router';
import { httpError } from '../http-error.js';
import type { Metrics } from '../metrics.js';
import { bearerAuth } from '../middleware/bearer-auth.js';

/**
 * `GET /metrics` in Prometheus's text format, behind its own bearer token (SYNDICARD_METRICS_TOKEN): a scraper
 * gets no write access to the API, and without the setting the endpoint is off.
 */
export function metricsRoutes({
  metrics,
  tokens,
}: {
  metrics: Metrics | undefined;
  tokens: readonly string[];
}): Router {
  const router = new Router();
  if (!metrics || tokens.length === 0) {
    router.get('/metrics', async () => {
      throw httpError(404, 'METRICS_OFF', 'metrics are off: set SYNDICARD_METRICS_TOKEN to serve them here');
    });
    return router;
  }
  router.get('/metrics', bearerAuth(tokens), async (ctx) => {
    ctx.type = metrics.registry.contentType;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await metrics.registry.metrics();
  });
  return router;
}
