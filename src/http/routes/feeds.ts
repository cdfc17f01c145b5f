import Router from '@koa/router';
import type { Context } from 'koa';
import type { Scope, ScopeKind } from '../../articles/index.js';
import type { ErrorCodeWithStatus } from '../../errors.js';
import { FEED_FILE, FEED_FORMATS, type FeedDocument, type FeedService } from '../../feeds/index.js';
import { httpError } from '../http-error.js';
import type { RepresentationSender } from '../representation.js';

/** Paths of scoped feeds: `/sections/news/feed.rss`; the kind in the path is the plural of the scope kind. */
const SCOPE_PATHS: Record<string, ScopeKind> = { sections: 'section', authors: 'author', tags: 'tag' };

/**
 * A full archive page only changes when an article at or before it is deleted, backdated or moved out of its scope
 * (see README, "Archived feeds"), so a week bounds how long a cache may serve such a page after that rare event.
 */
const FULL_ARCHIVE_CACHE = 'public, max-age=604800, immutable';

const SCOPE_NOT_FOUND: Record<ScopeKind, ErrorCodeWithStatus<404>> = {
  section: 'SECTION_NOT_FOUND',
  author: 'AUTHOR_NOT_FOUND',
  tag: 'TAG_NOT_FOUND',
};

export interface FeedRoutesDeps {
  feeds: FeedService;
  sender: RepresentationSender;
  maxAgeSeconds: number;
  /** Public origin, for the WebSub `rel="self"` Link header. */
  baseUrl: string;
  hubs: readonly string[];
}

/**
 * Current feeds (`/feed.rss`, `/tags/true-crime/feed.json`) and their RFC 5005 archive pages
 * (`/archive/3/feed.rss`, `/tags/true-crime/archive/3/feed.json`; page 1 is the oldest).
 */
export function feedRoutes({ feeds, sender, maxAgeSeconds, baseUrl, hubs }: FeedRoutesDeps): Router {
  const router = new Router();
  const cacheControl = `public, max-age=${maxAgeSeconds}`;
  // Spelled as the documents spell them (normalised URLs), so headers and bodies name the same hubs.
  const hubLinks = hubs.map((hub) => `<${new URL(hub).href}>; rel="hub"`);

  // `revision` was read before the document was fetched: the fast path answers this URL until the store moves on.
  const send = async (ctx: Context, doc: FeedDocument, current: boolean, revision: number) => {
    const headers: Array<[string, string]> = [];
    // WebSub section 4: a subscriber discovers the hubs and the topic URL from Link headers (or the document).
    if (current && hubLinks.length > 0) {
      const self = new URL(ctx.path, baseUrl).href;
      headers.push(['Link', [...hubLinks, `<${self}>; rel="self"`].join(', ')]);
    }
    const control = doc.fullArchivePage ? FULL_ARCHIVE_CACHE : cacheControl;
    await sender.send(ctx, { ...doc, cacheControl: control, compressible: true, headers }, { revision });
  };

  const scopeOf = (ctx: Context, kind: ScopeKind | undefined): Scope | undefined =>
    kind ? { kind, slug: ctx.params.slug! } : undefined;

  const notFound = (scope: Scope | undefined) =>
    scope
      ? httpError(404, SCOPE_NOT_FOUND[scope.kind], `no ${scope.kind} "${scope.slug}": no stored article has it`)
      : httpError(404, 'FEED_NOT_FOUND', 'feed not found');

  for (const format of FEED_FORMATS) {
    const file = FEED_FILE[format];
    const prefixes: Array<[string, ScopeKind | undefined]> = [
      ['', undefined],
      ...Object.entries(SCOPE_PATHS).map(([plural, kind]): [string, ScopeKind] => [`/${plural}/:slug`, kind]),
    ];
    for (const [prefix, kind] of prefixes) {
      router.get(`${prefix}/${file}`, async (ctx) => {
        const scope = scopeOf(ctx, kind);
        const revision = await sender.revision();
        const doc = await feeds.get(format, scope);
        if (!doc) throw notFound(scope);
        await send(ctx, doc, true, revision);
      });
      router.get(`${prefix}/archive/:page/${file}`, async (ctx) => {
        const scope = scopeOf(ctx, kind);
        const raw = ctx.params.page!;
        // One spelling per page (no leading zeros), so caches never hold the same page twice.
        const page = /^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : undefined;
        const revision = await sender.revision();
        const doc = page === undefined ? undefined : await feeds.getArchive(format, scope, page);
        if (!doc) {
          throw httpError(
            404,
            'ARCHIVE_PAGE_NOT_FOUND',
            `no archive page "${raw.slice(0, 20)}" of ${scope ? `${scope.kind} "${scope.slug}"` : 'the site feed'}: pages run from 1 (the oldest) to the one the current feed's prev-archive link names`,
          );
        }
        await send(ctx, doc, false, revision);
      });
    }
  }
  return router;
}
