import Router from '@koa/router';
import type { Context } from 'koa';
import type { ArticleStore, Site } from '../../articles/index.js';
import {
  type CardFormat,
  type CardService,
  type CardSource,
  type CardSpec,
  cardSpecForArticle,
} from '../../cards/index.js';
import { AppError } from '../../errors.js';
import { findArticle } from '../find-article.js';
import { httpError } from '../http-error.js';
import type { RepresentationSender } from '../representation.js';

export interface CardRoutesDeps {
  store: ArticleStore;
  site: Site;
  cards: CardService;
  sender: RepresentationSender;
  baseUrl: string;
}

const EXTENSIONS: Record<string, CardFormat> = { png: 'png', jpg: 'jpeg', jpeg: 'jpeg' };
/** The current card may change with the article: revalidate often (the ETag makes that a 304). */
const CURRENT_CACHE = 'public, max-age=300';
/** A versioned card never changes: its URL changes instead. */
const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
/**
 * A card drawn without its photo (the photo could not be fetched) is never kept long: a minute, then the cache
 * asks again and gets the photo card (a different ETag) once the photo is back.
 */
export const FALLBACK_CACHE = 'public, max-age=60';

/**
 * `/cards/:id.png` (current card) and `/cards/:id/:version.png` (immutable, what og:image points at). Paths are
 * parsed here rather than by the router so `.png`/`.jpg` and ids with dots are unambiguous.
 */
export function cardRoutes({ store, site, cards, sender, baseUrl }: CardRoutesDeps): Router {
  const router = new Router();

  router.get('/cards/:file', async (ctx) => {
    const { id, format } = parseFile(ctx.params.file!);
    const spec = await specFor(store, site, id);
    await sendCard(ctx, cards, sender, spec, format, { cacheControl: CURRENT_CACHE });
  });

  router.get('/cards/:id/:file', async (ctx) => {
    const id = ctx.params.id!;
    const { id: version, format } = parseFile(ctx.params.file!);
    const spec = await specFor(store, site, id);
    const current = cards.version(spec);
    if (version !== current) {
      // 302, not 301: the article may be edited back, and a cached permanent redirect would then loop.
      ctx.set('Cache-Control', 'no-cache');
      ctx.redirect(`${baseUrl}/cards/${encodeURIComponent(id)}/${current}.${format === 'jpeg' ? 'jpg' : 'png'}`);
      return;
    }
    await sendCard(ctx, cards, sender, spec, format, { cacheControl: IMMUTABLE_CACHE, versioned: true });
  });

  return router;
}

/**
 * Sends a card; a HEAD for a card already in memory is answered without rendering or fetching anything.
 *
 * A photo card whose photo could not be had is drawn without it (the fallback), and that must never be kept as the
 * card (issue 8): scrapers (Facebook, X, LinkedIn) and CDNs keep whatever a versioned og:image URL gave them, for
 * good. So the fallback goes out with FALLBACK_CACHE on the current and ad-hoc URLs, and the versioned URL answers
 * 503 CARD_PHOTO_UNAVAILABLE with Retry-After (the photo's next try) instead: a scraper that gets an error tries
 * again later, one that gets an image keeps it. Only when retrying cannot help (the URL or the bytes break our
 * rules, fixed only by changing the record) does the versioned URL serve the text card, still never immutable.
 */
export async function sendCard(
  ctx: Context,
  cards: CardService,
  sender: RepresentationSender,
  spec: CardSpec,
  format: CardFormat,
  options: { cacheControl: string; versioned?: boolean },
): Promise<void> {
  const peeked = ctx.method === 'HEAD' ? cards.peek(spec, format) : undefined;
  const info: CardSource = { source: 'memory' };
  const card = peeked ?? (await cards.render(spec, format, info));
  // For the request log: which cache layer answered, or a render.
  ctx.state.cardSource = info.source;
  let { cacheControl } = options;
  if (spec.template === 'photo' && spec.photoUrl && card.template !== 'photo') {
    const failure = cards.photoFailure(spec);
    if (options.versioned && !failure?.permanent) {
      throw new AppError(
        'CARD_PHOTO_UNAVAILABLE',
        "the card's photo could not be fetched just now; this URL serves the card with its photo once it can be",
        { expose: true, headers: { 'Retry-After': String(failure?.retryAfterSeconds ?? 5) } },
      );
    }
    cacheControl = FALLBACK_CACHE;
  }
  // Never settled for the fast path (fast-path.ts): a card can change with no change in the store (its photo is
  // fetched again after a while and may have changed; a fallback gives way to the photo card), and the card service
  // owns the bytes and counts its cache layers. Every card request asks it.
  await sender.send(ctx, {
    body: card.bytes,
    contentType: card.contentType,
    etag: card.etag,
    cacheControl,
    headers: [['X-Card-Template', card.template]],
  });
}

function parseFile(file: string): { id: string; format: CardFormat } {
  const match = /^(.+)\.(png|jpe?g)$/i.exec(file);
  const format = match ? EXTENSIONS[match[2]!.toLowerCase()] : undefined;
  if (!match || !format)
    throw httpError(404, 'CARD_NOT_FOUND', `no card at "${file.slice(0, 80)}": cards end in .png or .jpg`);
  return { id: match[1]!, format };
}

async function specFor(store: ArticleStore, site: Site, id: string): Promise<CardSpec> {
  return cardSpecForArticle((await findArticle(store, id)).article, site);
}
