import { AppError, type ErrorCodeWithStatus } from '../errors.js';

/**
 * An AppError for an HTTP answer, with its status written where it is thrown so a reader sees it; the type only
 * accepts a code that ERRORS (src/errors.ts) lists with that status. Used with `throw` rather than
 * `ctx.throw`/`ctx.assert`, whose `never`/assertion signatures TypeScript cannot narrow on through Koa's
 * contextually typed `ctx`.
 */
export function httpError<S extends number>(
  status: S,
  code: ErrorCodeWithStatus<S>,
  message: string,
  headers?: Record<string, string>,
): AppError {
  return new AppError(code, message, { status, ...(headers ? { headers } : {}) });
}
