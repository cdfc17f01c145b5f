import { STATUS_CODES } from 'node:http';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { httpError } from '../http-error.js';

interface HttpishError {
  status?: unknown;
  statusCode?: unknown;
  expose?: unknown;
  code?: unknown;
  issues?: unknown;
  headers?: unknown;
  message?: unknown;
}

/**
 * The one error boundary, first in the chain (koa's convention): the status comes from the error or is 500; the
 * message is shown only when `expose` (4xx by default), otherwise replaced by the status text; stacks go to the log
 * only. API callers get `{ error: { code, message, issues? } }`; others get the message as text.
 */
export function errorHandler(log: Logger): Middleware {
  return async function handleErrors(ctx, next) {
    try {
      await next();
      if (ctx.status === 404 && ctx.body == null) {
        throw httpError(404, 'NOT_FOUND', `no such resource: ${ctx.method} ${ctx.path}`);
      }
      if ((ctx.status === 405 || ctx.status === 501) && ctx.body == null) {
        // Set by the routers' allowedMethods(): turn it into the usual error body, keeping its Allow header.
        const allow = ctx.response.get('Allow');
        throw httpError(
          ctx.status,
          'METHOD_NOT_ALLOWED',
          `${ctx.method} is not allowed on ${ctx.path}; allowed: ${allow}`,
          {
            Allow: allow,
          },
        );
      }
    } catch (caught) {
      const err = (caught ?? {}) as HttpishError;
      const rawStatus = Number(err.status ?? err.statusCode);
      const status = Number.isInteger(rawStatus) && rawStatus >= 400 && rawStatus <= 599 ? rawStatus : 500;
      // 4xx are shown unless an error says otherwise; 5xx only when the error says so (a 503 with its own code and
      // a message written for clients, such as STORE_BUSY), never a driver's or a bug's words.
      const expose = status < 500 ? err.expose !== false : err.expose === true;
      if (status >= 500) log.error({ err: caught, method: ctx.method, url: ctx.url, status }, 'request failed');
      const code = typeof err.code === 'string' && expose ? err.code : defaultCode(status);
      const message = expose && typeof err.message === 'string' ? err.message : (STATUS_CODES[status] ?? 'Error');
      // Headers set before the failure (ETag, Content-Type of a half-built response) must not leak into the error.
      ctx.res.getHeaderNames().forEach((name) => {
        if (name !== 'vary') ctx.remove(name);
      });
      // Headers an error carries (Allow, WWW-Authenticate, Retry-After) are part of its meaning, exposed or not.
      if (err.headers && typeof err.headers === 'object') ctx.set(err.headers as Record<string, string>);
      // Every 503 tells the client when to come back (RFC 9110 section 10.2.3), even one raised without a hint.
      if (status === 503 && !ctx.response.get('Retry-After')) ctx.set('Retry-After', '5');
      ctx.status = status;
      if (wantsText(ctx.path, ctx.get('accept'))) {
        ctx.type = 'text/plain; charset=utf-8';
        ctx.body = `${message}\n`;
      } else {
        ctx.body = { error: { code, message, ...(expose && Array.isArray(err.issues) ? { issues: err.issues } : {}) } };
      }
    }
  };
}

function defaultCode(status: number): string {
  return (STATUS_CODES[status] ?? 'Error').toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

/** Feed readers and browsers get plain text; the API and anyone asking for JSON get the JSON envelope. */
function wantsText(path: string, accept: string): boolean {
  if (path.startsWith('/api/')) return false;
  return !/json/i.test(accept);
}
