import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import type { Metrics } from '../metrics.js';

/** A client's X-Request-Id is kept when it is a plain token (a proxy's UUID or trace id), else one is made. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's id: the client's X-Request-Id when it is a plain token, else a fresh UUID. */
export function requestIdFor(given: string | undefined): string {
  return given !== undefined && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * One JSON line per request at info, after the response is decided (errors included, since it runs outside the error
 * handler): method, matched route (not the raw path, so ids and queries never multiply the series), status,
 * duration, bytes, cache outcome and the request id, which is also returned as X-Request-Id. Headers are never
 * logged, so neither is a token. The same figures feed the request-duration metric.
 */
export function requestLog(log: Logger, metrics?: Metrics): Middleware {
  const logging = log.isLevelEnabled('info');
  return async function logRequest(ctx, next) {
    const started = performance.now();
    const id = requestIdFor(ctx.get('X-Request-Id'));
    ctx.state.requestId = id;
    ctx.set('X-Request-Id', id);
    try {
      await next();
    } finally {
      const seconds = (performance.now() - started) / 1000;
      const route = (ctx as { _matchedRoute?: string | RegExp })._matchedRoute;
      const routeName = route === undefined ? 'unmatched' : String(route);
      metrics?.observeRequest({ method: ctx.method, route: routeName, status: ctx.status, seconds });
      if (logging) {
        log.info(
          {
            reqId: id,
            method: ctx.method,
            route: routeName,
            path: ctx.path.length > 200 ? `${ctx.path.slice(0, 200)}…` : ctx.path,
            status: ctx.status,
            ms: Math.round(seconds * 10_000) / 10,
            bytes: ctx.response.length ?? 0,
            cache: cacheOutcome(ctx.status, ctx.state.cardSource as string | undefined),
          },
          'request',
        );
      }
    }
  };
}

export function cacheOutcome(status: number, cardSource: string | undefined): string | undefined {
  if (status === 304) return 'revalidated';
  return cardSource;
}
