import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from 'koa';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { ArticleStore } from '../articles/index.js';
import { isNotModified } from './conditional.js';
import type { Metrics } from './metrics.js';
import { requestIdFor } from './middleware/request-log.js';
import type { HeaderList } from './middleware/security-headers.js';

/**
 * The fast path for settled feeds (issue 11): a feed poll whose answer the app has already worked out is answered
 * here, in front of Koa, with the header lists prepared when Koa first answered it.
 *
 * A representation is settled when a route says so (the feed routes do): its bytes, headers and status depend only on
 * the store's revision (read before the content was fetched, so a write in between only makes the entry look older
 * than it is) and on the request's method, Accept-Encoding, If-None-Match, If-Modified-Since and X-Request-Id. So an
 * entry is kept per URL and per Accept-Encoding value, with everything else precomputed: the coding chosen, the
 * encoded body, and the complete header lists of the 200 and the 304, security headers included. A request is served
 * from an entry only while the store is at the same revision; anything else (another method, a query string, an
 * Accept-Encoding value not seen yet, a changed store) goes through Koa, which answers it exactly as before and may
 * settle a new entry. Cards are never settled (routes/cards.ts says why). What is logged and measured is what the
 * Koa path logs and measures: one request line at info (same fields; the constant ones serialised once per entry by
 * a pino child) and the request-duration metric. tests/http/fast-path.test.ts compares every header of both paths.
 */
export interface FastPath {
  /** The store's revision now: read it before fetching what becomes settled, and pass it to `settle`. */
  revision(): Promise<number>;
  /** Called by the sender as Koa answers a settled representation. */
  settle(ctx: Context, answer: SettledAnswer): void;
  /** Wraps Koa's request handler: settled requests are answered here, the rest are handed on. */
  wrap(next: Handler): Handler;
  /** URLs with entries, and requests answered here since the start (for tests). */
  readonly size: number;
  readonly hits: number;
}

export interface SettledAnswer {
  revision: number;
  /** The representation's own ETag (quoted), which If-None-Match is compared against. */
  etag: string;
  /** The ETag sent: the representation's, or its content-coding variant's. */
  sentEtag: string;
  lastModified?: Date;
  contentType: string;
  contentEncoding?: string;
  /** The bytes a 200 sends (encoded when contentEncoding is set). */
  body: Buffer;
  /** Headers before the validators: X-Card-Template, Link, Vary, Cache-Control, Last-Modified. */
  leading: HeaderList;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

interface Variant {
  sentEtag: string;
  body: Buffer;
  /** Flat `[name, value, …]` lists for writeHead; slot 1 is the request id, written just before each use. */
  ok: string[];
  notModified: string[];
}

interface Entry {
  revision: number;
  etag: string;
  lastModifiedSeconds: number | undefined;
  route: string;
  /** The request log's constant fields (route, path), serialised once. */
  log: Logger;
  /** By the request's Accept-Encoding header as received ('' when absent). */
  variants: Map<string, Variant>;
  bytes: number;
}

/** URLs with entries: every feed, scoped feed and archive page readers poll. */
const MAX_ENTRIES = 4096;
/** Bytes of bodies the entries hold (the identity body is the feed document's own joined buffer, shared). */
const MAX_BYTES = 128 * 1_048_576;
/** Accept-Encoding spellings kept per URL: clients send a handful; past this the map starts again. */
const MAX_VARIANTS = 16;

export function createFastPath(deps: {
  store: Pick<ArticleStore, 'state' | 'peekState'>;
  security: HeaderList;
  log: Logger;
  metrics?: Metrics;
}): FastPath {
  const { store, log, metrics } = deps;
  const logging = log.isLevelEnabled('info');
  // Looked up once: through the WebSub wrapper (a Proxy) each property read binds a new function.
  const peekState = store.peekState?.bind(store);
  const security = deps.security.flat();
  const entries = new LRUCache<string, Entry>({
    max: MAX_ENTRIES,
    maxSize: MAX_BYTES,
    sizeCalculation: (entry) => Math.max(1, entry.bytes),
  });

  let hits = 0;

  function answer(entry: Entry, variant: Variant, req: IncomingMessage, res: ServerResponse, started: number) {
    const method = req.method!;
    hits++;
    const id = requestIdFor(req.headers['x-request-id'] as string | undefined);
    const notModified = isNotModified(
      req.headers['if-none-match'],
      req.headers['if-modified-since'],
      entry.etag,
      entry.lastModifiedSeconds,
      variant.sentEtag,
    );
    const headers = notModified ? variant.notModified : variant.ok;
    headers[1] = id;
    const status = notModified ? 304 : 200;
    res.writeHead(status, headers);
    if (notModified || method === 'HEAD') res.end();
    else res.end(variant.body);

    const seconds = (performance.now() - started) / 1000;
    metrics?.observeRequest({ method, route: entry.route, status, seconds });
    if (logging) {
      entry.log.info(
        {
          reqId: id,
          method,
          status,
          ms: Math.round(seconds * 10_000) / 10,
          bytes: notModified ? 0 : variant.body.length,
          cache: notModified ? 'revalidated' : undefined,
        },
        'request',
      );
    }
  }

  /** Answers from the entry if the store is still at its revision; hands the request to Koa otherwise. */
  function serve(
    revision: number,
    url: string,
    entry: Entry,
    variant: Variant,
    req: IncomingMessage,
    res: ServerResponse,
    next: Handler,
    started: number,
  ): Promise<void> | void {
    if (revision !== entry.revision) {
      if (entries.peek(url) === entry) entries.delete(url);
      return next(req, res);
    }
    try {
      answer(entry, variant, req, res, started);
    } catch (err) {
      // Nothing sent yet: Koa answers (and logs) instead; otherwise the connection is all there is left.
      if (!res.headersSent) return next(req, res);
      log.error({ err, path: url }, 'fast path failed after sending headers');
      res.destroy(err as Error);
    }
  }

  return {
    async revision() {
      return (await store.state()).revision;
    },

    settle(ctx, settled) {
      const url = ctx.originalUrl;
      if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || url.includes('?')) return;
      let entry = entries.get(url);
      if (!entry || entry.revision !== settled.revision || entry.etag !== settled.etag) {
        const path = ctx.path.length > 200 ? `${ctx.path.slice(0, 200)}…` : ctx.path;
        const route = (ctx as { _matchedRoute?: string | RegExp })._matchedRoute;
        entry = {
          revision: settled.revision,
          etag: settled.etag,
          lastModifiedSeconds: settled.lastModified ? Math.floor(settled.lastModified.getTime() / 1000) : undefined,
          route: route === undefined ? 'unmatched' : String(route),
          log: log.child({ route: route === undefined ? 'unmatched' : String(route), path }),
          variants: new Map(),
          bytes: 0,
        };
      }
      const key = ctx.get('accept-encoding');
      if (entry.variants.has(key)) return;
      if (entry.variants.size >= MAX_VARIANTS) {
        entry.variants.clear();
        entry.bytes = 0;
      }
      // The order Koa sends them in: X-Request-Id (request-log), the route's and the sender's headers, the
      // validators, the entity headers (200 only: a 304 carries none, RFC 9110 §15.4.5), then the security headers.
      const leading = settled.leading.flat();
      const validators = ['ETag', settled.sentEtag];
      const entity = [
        'Content-Type',
        settled.contentType,
        ...(settled.contentEncoding ? ['Content-Encoding', settled.contentEncoding] : []),
        'Content-Length',
        String(settled.body.length),
      ];
      entry.variants.set(key, {
        sentEtag: settled.sentEtag,
        body: settled.body,
        ok: ['X-Request-Id', '', ...leading, ...validators, ...entity, ...security],
        notModified: ['X-Request-Id', '', ...leading, ...validators, ...security],
      });
      entry.bytes += settled.body.length;
      // Set again so the cache counts the new variant's bytes.
      entries.set(url, entry);
    },

    wrap(next) {
      return function handleRequest(req, res) {
        const method = req.method;
        if ((method !== 'GET' && method !== 'HEAD') || entries.size === 0) return next(req, res);
        const url = req.url!;
        const entry = entries.get(url);
        const variant = entry?.variants.get(req.headers['accept-encoding'] ?? '');
        if (!entry || !variant) return next(req, res);
        const started = performance.now();
        // The store's cached state when it has a fresh one (the common case: a poll within its staleness bound),
        // answered here and now, inside the socket's read callback as node:http's own handlers answer; else the
        // same answer one promise later. The synchronous answer saves a promise, a closure and a microtask per request.
        const known = peekState?.();
        if (known) return serve(known.revision, url, entry, variant, req, res, next, started);
        return store.state().then(
          ({ revision }) => serve(revision, url, entry, variant, req, res, next, started),
          // The store's own errors are for the Koa path to turn into a 503.
          () => next(req, res),
        );
      };
    },

    get size() {
      return entries.size;
    },
    get hits() {
      return hits;
    },
  };
}
