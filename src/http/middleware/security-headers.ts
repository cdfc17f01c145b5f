import type { Middleware } from 'koa';
import koaHelmet from 'koa-helmet';

/**
 * Security headers on every response, by helmet (through koa-helmet), applied after everything else has run so the
 * error handler, which clears a failed response's headers, cannot drop them:
 * - everywhere: `X-Content-Type-Options: nosniff` (a feed or card is never sniffed into HTML), `X-Frame-Options:
 *   DENY` with CSP `frame-ancestors 'none'` (nothing of ours belongs in someone's frame), `Referrer-Policy:
 *   strict-origin-when-cross-origin` (a publisher still sees which feed host sent a reader, never the path), and
 *   `Cross-Origin-Resource-Policy: cross-origin`: cards and feeds exist to be fetched from other origins
 *   (helmet's `same-origin` would stop browsers showing a card on a publisher's own pages).
 * - on HTML: a Content-Security-Policy without inline script: scripts and styles only from our own /assets files,
 *   never inline, never eval. The article page's JSON-LD block is a data block (`type="application/ld+json"`),
 *   which browsers never execute, so CSP does not govern it (CSP3 applies script-src to script execution). Images
 *   may come from any http(s) host (the article's own pictures), frames only from the embed hosts the body
 *   sanitiser lets through.
 * - on everything else: `default-src 'none'; sandbox`, so a JSON body or an image opened as a document can load or
 *   run nothing (GitHub serves raw files the same way).
 * Strict-Transport-Security is left to the TLS terminator (docs/operations.md): over plain http it means nothing,
 * and its scope is the operator's decision.
 */
export function securityHeaders(options: { embedHosts: readonly string[] }): Middleware {
  const base = koaHelmet({
    contentSecurityPolicy: false,
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
  const pageCsp = koaHelmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      // Our own files only (/assets/*.js, .css): never inline script or style, never eval.
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      // The playground draws cards through the API and shows them as blob: URLs (which it may read back).
      connectSrc: ["'self'", 'blob:'],
      imgSrc: ['https:', 'http:', 'data:', 'blob:'],
      frameSrc: options.embedHosts.length > 0 ? options.embedHosts.map((host) => `https://${host}`) : ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
    },
  });
  const otherCsp = koaHelmet.contentSecurityPolicy({
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], styleSrc: ["'unsafe-inline'"], frameAncestors: ["'none'"], sandbox: [] },
  });
  const done = async () => {};

  return async function setSecurityHeaders(ctx, next) {
    try {
      await next();
    } finally {
      await base(ctx, done);
      await (ctx.response.is('html') ? pageCsp : otherCsp)(ctx, done);
    }
  };
}
