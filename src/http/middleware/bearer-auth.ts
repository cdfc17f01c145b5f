import { createHash, timingSafeEqual } from 'node:crypto';
import type { Middleware } from 'koa';
import { httpError } from '../http-error.js';

/**
 * `Authorization: Bearer <token>` (RFC 6750). Tokens are compared as SHA-256 digests with `timingSafeEqual`, so
 * neither a token's content nor its length leaks through timing. 401 without credentials, 403 with wrong ones.
 */
export function bearerAuth(tokens: readonly string[]): Middleware {
  const digests = tokens.map(digest);
  return async function requireBearer(ctx, next) {
    const header = ctx.get('authorization');
    const match = /^Bearer[ ]+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(header);
    if (!match) {
      const message = header
        ? 'Authorization header must be "Bearer <token>"'
        : 'missing Authorization: Bearer <token>';
      throw httpError(401, 'UNAUTHENTICATED', message, { 'WWW-Authenticate': 'Bearer realm="syndicard"' });
    }
    const given = digest(match[1]!);
    let ok = false;
    for (const candidate of digests) ok = timingSafeEqual(candidate, given) || ok;
    if (!ok) throw httpError(403, 'FORBIDDEN', 'the bearer token is not valid for this service');
    await next();
  };
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
