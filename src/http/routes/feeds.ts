import Router from '@koa/router';
import type { ScopeKind } from '../../articles/index.js';
import { FEED_FILE, FEED_FORMATS, type FeedService } from '../../feeds/index.js';
import { httpError } from '../http-error.js';
import type { RepresentationSender } from '../representation.js';

/** Paths of scoped feeds: `/sections/news/feed.rss`; the kind in the path is the plural of the scope kind. */
const SCOPE_PATHS: Record<string, ScopeKind> = { sections: 'section', authors: 'author', tags: 'tag' };

export interface FeedRoutesDeps {
  feeds: FeedService;
  sender: RepresentationSender;
  maxAgeSeconds: number;
}

export function feedRoutes({ feeds, sender, maxAgeSeconds }: FeedRoutesDeps): Router {
  const router = new Router();
  const cacheControl = `public, max-age=${maxAgeSeconds}`;

  for (const format of FEED_FORMATS) {
    router.get(`/${FEED_FILE[format]}`, async (ctx) => {
      const doc = await feeds.get(format);
      if (!doc) throw httpError(404, 'FEED_NOT_FOUND', 'feed not found');
      await sender.send(ctx, { ...doc, cacheControl, compressible: true });
    });
    for (const [plural, kind] of Object.entries(SCOPE_PATHS)) {
      router.get(`/${plural}/:slug/${FEED_FILE[format]}`, async (ctx) => {
        const slug = ctx.params.slug!;
        const doc = await feeds.get(format, { kind, slug });
        if (!doc)
          throw httpError(404, `${kind.toUpperCase()}_NOT_FOUND`, `no ${kind} "${slug}": no stored article has it`);
        await sender.send(ctx, { ...doc, cacheControl, compressible: true });
      });
    }
  }
  return router;
}
