import type { Middleware } from 'koa';
import type { Logger } from 'pino';

/** One log line per request, written after the response is decided (errors included, since it runs outside them). */
export function requestLog(log: Logger): Middleware {
  // Checked once: a disabled level must cost a poll nothing, not two clock reads and an object.
  if (!log.isLevelEnabled('debug'))
    return async function skipRequestLog(_ctx, next) {
      await next();
    };
  return async function logRequest(ctx, next) {
    const started = performance.now();
    try {
      await next();
    } finally {
      const ms = Math.round((performance.now() - started) * 10) / 10;
      log.debug({ method: ctx.method, url: ctx.url, status: ctx.status, ms }, 'request');
    }
  };
}
