import Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { httpUrl, languageTag, type Site, toIssues } from '../../articles/index.js';
import {
  AD_HOC_DISABLED_MESSAGE,
  CARD_QUERY_FIELDS,
  type CardFormat,
  type CardQuery,
  type CardService,
  type CardSource,
  type CardSpec,
  signCardUrl,
  verifyCardQuery,
} from '../../cards/index.js';
import { httpError } from '../http-error.js';
import { bearerAuth } from '../middleware/bearer-auth.js';
import type { FailureTally } from '../middleware/failure-tally.js';
import { jsonBody } from '../middleware/json-body.js';
import { type AttemptLimiter, tooManyRequests } from '../middleware/rate-limit.js';
import type { RepresentationSender } from '../representation.js';
import { sendCard } from './cards.js';

export interface AdHocCardDeps {
  site: Site;
  cards: CardService;
  sender: RepresentationSender;
  signingKeys: readonly string[];
  tokens: readonly string[];
  /** Renders of cards not in memory, per client address (SYNDICARD_ADHOC_RENDERS_PER_MINUTE). */
  renderLimiter?: AttemptLimiter;
  tally?: FailureTally;
  bodyLimitBytes: number;
  baseUrl: string;
}

/** Longest ad-hoc query accepted; beyond it a URL is answered 414 before anything is parsed. */
export const MAX_QUERY_BYTES = 2048;
export const MAX_HEADLINE = 300;

export const cardRequestSchema = z.object({
  headline: z
    .string()
    .refine((s) => s.trim().length > 0, 'must not be empty')
    .refine((s) => [...s].length <= MAX_HEADLINE, `must be at most ${MAX_HEADLINE} characters`),
  credit: z.string().max(300, 'must be at most 300 characters').optional(),
  image: httpUrl.optional(),
  site: z.string().max(100, 'must be at most 100 characters').optional(),
  template: z.enum(['photo', 'plain']).optional(),
  format: z.enum(['png', 'jpeg', 'jpg']).optional(),
  /** The headline's language (BCP 47): `lang` in signed URLs, `language` in JSON bodies (`lang` accepted there too). */
  lang: languageTag.optional(),
  language: languageTag.optional(),
});

/**
 * Cards for any headline, credit and photo: `GET /og.png|jpg?…&sig=` (HMAC-signed, for URLs embedded in pages) and
 * `POST /api/cards` (bearer token, for servers). Both fetch photos through the same guarded loader as article cards.
 */
export function adHocCardRoutes(deps: AdHocCardDeps): Router {
  const { site, cards, sender, signingKeys } = deps;
  const router = new Router();

  for (const [path, format] of [
    ['/og.png', 'png'],
    ['/og.jpg', 'jpeg'],
  ] as const) {
    router.get(path, async (ctx) => {
      // Off without keys: 404 (nothing is served here), not 403, which would blame the caller's signature.
      if (signingKeys.length === 0) throw httpError(404, 'AD_HOC_CARDS_DISABLED', AD_HOC_DISABLED_MESSAGE);
      if (ctx.querystring.length > MAX_QUERY_BYTES) {
        throw httpError(
          414,
          'QUERY_TOO_LONG',
          `query is ${ctx.querystring.length} bytes; the limit is ${MAX_QUERY_BYTES}`,
        );
      }
      const query = readQuery(ctx);
      const sig = typeof ctx.query.sig === 'string' ? ctx.query.sig : '';
      if (!sig)
        throw httpError(
          403,
          'SIGNATURE_REQUIRED',
          'missing sig: ad-hoc cards need a signed URL (see `syndicard sign`)',
        );
      if (!verifyCardQuery(query, sig, signingKeys)) {
        throw httpError(
          403,
          'SIGNATURE_INVALID',
          'sig does not match the query: sign the URL again with a current key',
        );
      }
      const spec = toSpec(parseRequest(query), site);
      await limitRender(ctx, spec, format);
      await sendCard(ctx, cards, sender, spec, format, { cacheControl: 'public, max-age=86400' });
    });
  }

  router.post('/api/cards', bearerAuth(deps.tokens), jsonBody(deps.bodyLimitBytes), async (ctx) => {
    const request = parseRequest(ctx.state.body);
    const format: CardFormat = request.format === 'png' || request.format === undefined ? 'png' : 'jpeg';
    const info: CardSource = {};
    const spec = toSpec(request, site);
    await limitRender(ctx, spec, format);
    const card = await cards.render(spec, format, info);
    ctx.state.cardSource = info.source;
    ctx.set('Cache-Control', 'no-store');
    ctx.set('ETag', card.etag);
    ctx.set('X-Card-Template', card.template);
    ctx.type = card.contentType;
    ctx.body = card.bytes;
  });

  // The playground's "copy signed URL": a token holder gets a URL signed with the first key, so no signing key ever
  // reaches a browser.
  router.post('/api/cards/sign', bearerAuth(deps.tokens), jsonBody(deps.bodyLimitBytes), async (ctx) => {
    const request = parseRequest(ctx.state.body);
    const key = signingKeys[0];
    if (key === undefined) {
      throw httpError(409, 'SIGNING_NOT_ENABLED', 'ad-hoc cards are not enabled: set SYNDICARD_SIGNING_KEYS');
    }
    const { headline, credit, image, site: siteName, template } = request;
    const query: CardQuery = { headline, credit, image, site: siteName, template, lang: requestLanguage(request) };
    const format = request.format === 'jpeg' || request.format === 'jpg' ? 'jpeg' : 'png';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { url: signCardUrl(query, { baseUrl: deps.baseUrl, key, format }) };
  });

  /**
   * A card that is not in memory takes a renderer: one client may start only so many a minute, so a flood of
   * distinct headlines from one address cannot hold every renderer (and the queue) for everyone else. Cards already
   * drawn cost nothing and are never limited.
   */
  async function limitRender(ctx: Context, spec: CardSpec, format: CardFormat): Promise<void> {
    if (!deps.renderLimiter || cards.peek(spec, format)) return;
    const wait = await deps.renderLimiter.count(ctx.ip);
    if (wait === 0) return;
    deps.tally?.note('CARD_RATE_LIMITED');
    throw tooManyRequests(
      'CARD_RATE_LIMITED',
      'too many new ad-hoc cards from this address; cards already drawn are still served',
      wait,
    );
  }

  return router;
}

function readQuery(ctx: Context): CardQuery {
  const query: CardQuery = {};
  for (const field of CARD_QUERY_FIELDS) {
    const value = ctx.query[field];
    if (Array.isArray(value)) throw httpError(400, 'INVALID_CARD_REQUEST', `${field} is given more than once`);
    if (typeof value === 'string') query[field] = value;
  }
  return query;
}

function parseRequest(input: unknown): z.output<typeof cardRequestSchema> {
  const result = cardRequestSchema.safeParse(input);
  if (result.success) return result.data;
  const issues = toIssues(result.error);
  const error = httpError(400, 'INVALID_CARD_REQUEST', issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  Object.assign(error, { issues });
  throw error;
}

function toSpec(request: z.output<typeof cardRequestSchema>, site: Site): CardSpec {
  const spec: CardSpec = {
    headline: request.headline,
    siteName: request.site?.trim() || site.name,
    template: request.image ? (request.template ?? 'photo') : 'plain',
    theme: { ...site.theme },
  };
  if (request.credit) spec.credit = request.credit;
  if (request.image) spec.photoUrl = request.image;
  if (site.logo) spec.logoUrl = site.logo;
  // Without a language the card detects the headline's (direction, script, credit label): the site's language says
  // nothing about a headline a publisher sends from anywhere.
  const language = requestLanguage(request);
  if (language) spec.language = language;
  return spec;
}

function requestLanguage(request: z.output<typeof cardRequestSchema>): string | undefined {
  return request.language ?? request.lang;
}
