import type { Middleware } from 'koa';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError, type ErrorCodeWithStatus } from '../../errors.js';
import type { FailureTally } from './failure-tally.js';

/**
 * Attempts counted per key (a client address) in a fixed one-minute window. Kept behind this small interface so a
 * shared store (Redis, for several instances) can replace the in-memory one without touching the routes.
 */
export interface AttemptLimiter {
  /** Seconds until `key` may try again; 0 when it may now. Counts nothing. */
  wait(key: string): Promise<number>;
  /** Counts one attempt; the seconds to wait when this one went past the limit, else 0. */
  count(key: string): Promise<number>;
}

/** rate-limiter-flexible's memory store: `perMinute` attempts per key, then the rest of the minute refused. */
export function memoryLimiter(perMinute: number): AttemptLimiter {
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  const seconds = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return {
    async wait(key) {
      const res = await limiter.get(key);
      return res && res.consumedPoints >= perMinute ? seconds(res) : 0;
    },
    async count(key) {
      try {
        await limiter.consume(key);
        return 0;
      } catch (res) {
        if (res instanceof RateLimiterRes) return seconds(res);
        throw res;
      }
    },
  };
}

export function tooManyRequests(code: ErrorCodeWithStatus<429>, message: string, seconds: number): AppError {
  return new AppError(code, message, { headers: { 'Retry-After': String(seconds) } });
}

/** Codes that mean "these credentials (token or signature) are not good", as the routes throw them. */
const AUTH_FAILURES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'SIGNATURE_INVALID']);

/**
 * Failed authentication limited per client address (issue 8: 1,000 wrong tokens in 1.3 s got 1,000 plain 403s).
 * Every bearer-token and signed-URL failure counts; past the limit the address gets 429 with Retry-After on every
 * request that could try a credential (/api, /og.*), before any credential is checked, so guessing gains nothing.
 * A failure's response also closes the connection: a client refused before its body was read must not keep
 * streaming it (Node would go on reading, and discarding, an upload after its 401).
 */
export function authFailureLimit(limiter: AttemptLimiter, tally: FailureTally): Middleware {
  return async function limitAuthFailures(ctx, next) {
    const guarded = ctx.path.startsWith('/api/') || ctx.path.startsWith('/og.');
    if (guarded) {
      const wait = await limiter.wait(ctx.ip);
      if (wait > 0) {
        tally.note('AUTH_RATE_LIMITED');
        throw tooManyRequests(
          'AUTH_RATE_LIMITED',
          'too many failed authentication attempts from this address; try again later',
          wait,
        );
      }
    }
    try {
      await next();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (guarded && typeof code === 'string' && AUTH_FAILURES.has(code)) {
        await limiter.count(ctx.ip);
        tally.note(code);
        if (!ctx.req.complete) {
          const err = error as { headers?: Record<string, string> };
          err.headers = { ...err.headers, Connection: 'close' };
        }
      }
      throw error;
    }
  };
}
