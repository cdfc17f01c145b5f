import { STATUS_CODES } from 'node:http';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { AppError, ERRORS, type ErrorCode, isErrorCode } from '../../errors.js';
import { httpError } from '../http-error.js';
import { createFailureTally, type FailureTally } from './failure-tally.js';

interface HttpishError {
  status?: unknown;
  statusCode?: unknown;
  expose?: unknown;
  code?: unknown;
  issues?: unknown;
  headers?: unknown;
  message?: unknown;
}

/** Longest message sent to a client: an error never echoes an unbounded input (a path, a header, a body field). */
const MAX_ERROR_MESSAGE = 500;
/** Longest piece of the request path quoted in a 404 or 405. */
const MAX_QUOTED_PATH = 120;
const MAX_ISSUES = 50;
/** A 503 that did not say when to come back gets this (RFC 9110 §10.2.3): every 503 carries Retry-After. */
const DEFAULT_RETRY_AFTER = '5';

export interface ErrorHandlerOptions {
  /** Where expected failures (503s, shed load) are counted; one warn line per interval, not one per request. */
  tally?: FailureTally;
}

/**
 * The one error boundary, first in the chain (koa's convention): the status comes from the error or is 500; the
 * message is shown only when `expose` (4xx by default), otherwise replaced by the status text; stacks go to the log
 * only, and only for the unexpected (a 500). API callers get `{ error: { code, message, issues? } }`; others get the
 * message as text. Our own errors (AppError, httpError) keep their code at any status: a 503 says CARD_QUEUE_FULL or
 * CARD_RENDER_FAILED, which a client can act on, never a generic SERVICE_UNAVAILABLE.
 */
export function errorHandler(log: Logger, options: ErrorHandlerOptions = {}): Middleware {
  const tally = options.tally ?? createFailureTally(log, 10_000, 'requests answered 503 (counts by code)');
  return async function handleErrors(ctx, next) {
    try {
      await next();
      if (ctx.status === 404 && ctx.body == null) {
        throw httpError(404, 'NOT_FOUND', `no such resource: ${ctx.method} ${quote(ctx.path)}`);
      }
      if ((ctx.status === 405 || ctx.status === 501) && ctx.body == null) {
        // Set by the routers' allowedMethods(): turn it into the usual error body, keeping its Allow header.
        const allow = ctx.response.get('Allow');
        throw new AppError(
          'METHOD_NOT_ALLOWED',
          `${ctx.method.slice(0, 20)} is not allowed on ${quote(ctx.path)}; allowed: ${allow}`,
          { status: ctx.status, headers: { Allow: allow } },
        );
      }
    } catch (caught) {
      const err = (caught ?? {}) as HttpishError;
      const ours = caught instanceof AppError;
      const rawStatus = Number(err.status ?? err.statusCode);
      const status = Number.isInteger(rawStatus) && rawStatus >= 400 && rawStatus <= 599 ? rawStatus : 500;
      const expose = status < 500 ? err.expose !== false : ours && err.expose === true;
      const code = ours ? caught.code : foreignCode(status);
      const message = bound(
        expose && typeof err.message === 'string' ? err.message : (STATUS_CODES[status] ?? 'Error'),
      );

      if (status === 503 && ours) tally.note(code, { method: ctx.method, path: quote(ctx.path) });
      else if (status >= 500)
        log.error({ err: caught, method: ctx.method, url: quote(ctx.url), status }, 'request failed');

      // Headers set before the failure (ETag, Content-Type of a half-built response) must not leak into the error.
      ctx.res.getHeaderNames().forEach((name) => {
        if (name !== 'vary') ctx.remove(name);
      });
      // Headers an error carries (Allow, WWW-Authenticate, Retry-After) are part of its meaning, exposed or not.
      if (err.headers && typeof err.headers === 'object') ctx.set(err.headers as Record<string, string>);
      if ((status === 503 || status === 429) && !ctx.response.get('Retry-After')) {
        ctx.set('Retry-After', DEFAULT_RETRY_AFTER);
      }
      // An error is about this request at this moment: no cache keeps it (a CDN holding a 503 for an hour would
      // turn a one-second overload into an hour-long outage).
      ctx.set('Cache-Control', 'no-store');
      ctx.status = status;
      if (wantsText(ctx.path, ctx.get('accept'))) {
        ctx.type = 'text/plain; charset=utf-8';
        ctx.body = `${message}\n`;
      } else {
        const issues = expose && Array.isArray(err.issues) ? boundIssues(err.issues) : undefined;
        ctx.body = { error: { code, message, ...(issues ? { issues } : {}) } };
      }
    }
  };
}

/**
 * The code for an error that is not ours (Koa's, Node's, a library's): its status text in UPPER_SNAKE when ERRORS
 * lists that (a 413 is PAYLOAD_TOO_LARGE), otherwise BAD_REQUEST or INTERNAL_SERVER_ERROR, so every code a client
 * sees is one ERRORS lists.
 */
function foreignCode(status: number): ErrorCode {
  const code = (STATUS_CODES[status] ?? '').toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  if (isErrorCode(code) && ERRORS[code].status === status) return code;
  return status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
}

/** At most `max` characters (code points), with an ellipsis when cut. */
function bound(text: string, max = MAX_ERROR_MESSAGE): string {
  if (text.length <= max) return text;
  return `${[...text].slice(0, max - 1).join('')}…`;
}

function quote(path: string): string {
  return bound(path, MAX_QUOTED_PATH);
}

function boundIssues(issues: unknown[]): unknown[] {
  return issues.slice(0, MAX_ISSUES).map((issue) => {
    if (!issue || typeof issue !== 'object') return issue;
    const { path, message } = issue as { path?: unknown; message?: unknown };
    return {
      ...issue,
      ...(typeof path === 'string' ? { path: bound(path, 200) } : {}),
      ...(typeof message === 'string' ? { message: bound(message) } : {}),
    };
  });
}

/** Feed readers and browsers get plain text; the API and anyone asking for JSON get the JSON envelope. */
function wantsText(path: string, accept: string): boolean {
  if (path.startsWith('/api/')) return false;
  return !/json/i.test(accept);
}
