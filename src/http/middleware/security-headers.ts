import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { contentSecurityPolicy } from 'helmet';
import type { Middleware } from 'koa';

/** Header fields in the order they are sent, as `[name, value]`. */
export type HeaderList = ReadonlyArray<readonly [string, string]>;

export interface SecurityHeaders {
  /** What an HTML response carries: the base set and the page CSP. */
  readonly html: HeaderList;
  /** What every other response (feeds, cards, JSON, errors) carries: the base set and `default-src 'none'; sandbox`. */
  readonly other: HeaderList;
}

/**
 * Security headers on every response, by helmet, applied after everything else has run so the error handler, which
 * clears a failed response's headers, cannot drop them:
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
 *
 * None of these depends on the request, so helmet runs once, here, and its headers are kept as two lists: the
 * middleware sets them from the list, and the fast path (fast-path.ts) sends the same list with a settled feed or
 * card. Running helmet on every request was a visible share of a 304's cost (issue 11).
 */
export function securityHeaderLists(options: { embedHosts: readonly string[] }): SecurityHeaders {
  const base = helmet({
    contentSecurityPolicy: false,
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
  const pageCsp = contentSecurityPolicy({
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
  const otherCsp = contentSecurityPolicy({
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], styleSrc: ["'unsafe-inline'"], frameAncestors: ["'none'"], sandbox: [] },
  });
  const common = recordHeaders(base);
  return { html: [...common, ...recordHeaders(pageCsp)], other: [...common, ...recordHeaders(otherCsp)] };
}

export function securityHeaders(lists: SecurityHeaders): Middleware {
  return async function setSecurityHeaders(ctx, next) {
    try {
      await next();
    } finally {
      // helmet also removes X-Powered-By, which neither Koa nor any route sets.
      for (const [name, value] of ctx.response.is('html') ? lists.html : lists.other) ctx.set(name, value);
    }
  };
}

type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/** The headers a helmet middleware sets, in its order; it reads nothing from the request for these options. */
function recordHeaders(middleware: NodeMiddleware): HeaderList {
  const headers: Array<readonly [string, string]> = [];
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.push([name, Array.isArray(value) ? value.join(', ') : String(value)]);
      return res;
    },
    removeHeader() {},
    getHeader() {
      return undefined;
    },
  };
  let error: unknown;
  middleware({} as IncomingMessage, res as unknown as ServerResponse, (err) => {
    error = err;
  });
  if (error) throw error;
  return headers;
}
