import createHttpError, { type HttpError } from 'http-errors';

/**
 * An HTTP error with a stable `code` for API callers. Used with `throw` rather than `ctx.throw`/`ctx.assert`, whose
 * `never`/assertion signatures TypeScript cannot narrow on through Koa's contextually typed `ctx`.
 */
export function httpError(status: number, code: string, message: string, headers?: Record<string, string>): HttpError {
  return createHttpError(status, message, { code, ...(headers ? { headers } : {}) });
}
