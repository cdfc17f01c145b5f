import { z } from 'zod';
import { articleSchema } from '../articles/index.js';
import { ERRORS, type ErrorCode } from '../errors.js';
import { FEED_CONTENT_TYPES, FEED_FILE, FEED_FORMATS } from '../feeds/index.js';
import { cardRequestSchema } from './routes/ad-hoc-cards.js';

/**
 * The OpenAPI 3.1 description of every route, served at /openapi.json. Bodies are described by the same zod schemas
 * that validate requests (z.toJSONSchema), and tests/http/openapi.test.ts checks the document with an independent
 * validator and against the router's own route table, so the description cannot drift from the code.
 */

type Json = Record<string, unknown>;

const jsonSchema = (schema: z.ZodType): Json => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  return rest;
};

const errorRef = { $ref: '#/components/responses/Error' };
const unavailableRef = { $ref: '#/components/responses/Unavailable' };
const bearer = [{ bearer: [] }];

const idParam = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'the article id: 1–200 URL-safe characters',
  schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._~-]{0,199}$' },
};
const slugParam = {
  name: 'slug',
  in: 'path',
  required: true,
  description: 'lower-case hyphenated name (`True crime` → `true-crime`)',
  schema: { type: 'string' },
};
const pageParam = {
  name: 'page',
  in: 'path',
  required: true,
  description: 'archive page number, 1 being the oldest (RFC 5005)',
  schema: { type: 'integer', minimum: 1 },
};

const html = (description: string): Json => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });
const json = (description: string, schema: Json = { type: 'object' }): Json => ({
  description,
  content: { 'application/json': { schema } },
});
const image = (description: string): Json => ({
  description,
  headers: {
    'X-Card-Template': { description: '`photo` or `plain`: what the card really shows', schema: { type: 'string' } },
  },
  content: {
    'image/png': { schema: { type: 'string', format: 'binary' } },
    'image/jpeg': { schema: { type: 'string', format: 'binary' } },
  },
});
/**
 * Error responses by code, grouped by status and described from ERRORS (src/errors.ts), the one list of codes: a
 * code a route may answer is named here, never its status or meaning. 429s and 503s carry Retry-After.
 */
const errors = (...codes: ErrorCode[]): Json => {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(ERRORS[code].status, [...(byStatus.get(ERRORS[code].status) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      status,
      {
        ...(status === 429 || status === 503 ? unavailableRef : errorRef),
        description: list.map((code) => `${code}: ${ERRORS[code].meaning}`).join('; '),
      },
    ]),
  );
};
const AUTH: ErrorCode[] = ['UNAUTHENTICATED', 'FORBIDDEN', 'AUTH_RATE_LIMITED'];
const BODY: ErrorCode[] = [
  'BAD_BODY',
  'MALFORMED_JSON',
  'JSON_TOO_DEEP',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
];
const RENDER: ErrorCode[] = ['CARD_QUEUE_FULL', 'CARD_RENDER_FAILED', 'CARD_RENDERER_STOPPED'];
const STORE: ErrorCode[] = ['STORE_BUSY', 'STORE_CORRUPT', 'STORE_READ_ONLY', 'STORE_FULL', 'STORE_UNAVAILABLE'];
/** The codes an HTTP answer may carry: every code of ERRORS but those that only stop the service or are logged. */
const ANSWERED = (Object.keys(ERRORS) as ErrorCode[]).filter((code) => !('answered' in ERRORS[code]));

const SEED_EXAMPLE = {
  url: 'https://news.example.com/2026/12/harbour-reopens',
  headline: 'Harbour reopens after the storm',
  standfirst: 'Ferries run again from Monday.',
  body: '<p>The harbour reopened on Monday after a week of repairs.</p>',
  publishedAt: '2026-12-01T09:30:00Z',
  language: 'en-GB',
  section: 'News',
  tags: ['Weather', 'Transport'],
  authors: [{ name: 'Jane Doe', role: 'Transport correspondent' }],
  image: {
    url: 'https://images.example.com/harbour.jpg',
    alt: 'Ferries moored at the reopened harbour',
    credit: 'Photo by Jane Doe',
  },
};
const CARD_EXAMPLE = { headline: 'Harbour reopens after the storm', credit: 'Photo by Jane Doe', format: 'png' };

/** Examples whose requests the tests send through the real validation. */
export const OPENAPI_EXAMPLES = { article: SEED_EXAMPLE, card: CARD_EXAMPLE } as const;

const SCOPE_NOT_FOUND: Record<string, ErrorCode> = {
  '': 'FEED_NOT_FOUND',
  '/sections/{slug}': 'SECTION_NOT_FOUND',
  '/authors/{slug}': 'AUTHOR_NOT_FOUND',
  '/tags/{slug}': 'TAG_NOT_FOUND',
};

function feedPaths(): Json {
  const paths: Json = {};
  const scopes: Array<[string, string, Json[]]> = [
    ['', 'the whole site', []],
    ['/sections/{slug}', 'one section', [slugParam]],
    ['/authors/{slug}', 'one author', [slugParam]],
    ['/tags/{slug}', 'one tag', [slugParam]],
  ];
  for (const format of FEED_FORMATS) {
    const type = FEED_CONTENT_TYPES[format].split(';')[0]!;
    const feedBody = { [type]: { schema: { type: 'string' } } };
    for (const [prefix, what, parameters] of scopes) {
      const notFound = errors(SCOPE_NOT_FOUND[prefix] ?? 'NOT_FOUND');
      paths[`${prefix}/${FEED_FILE[format]}`] = {
        get: {
          tags: ['feeds'],
          summary: `${format.toUpperCase()} feed of ${what}`,
          description:
            'The newest articles (SYNDICARD_FEED_LIMIT). Strong ETag, Last-Modified, 304 on If-None-Match or If-Modified-Since; gzip and brotli; WebSub hub and self links when hubs are configured; a prev-archive link to the archive pages.',
          parameters,
          responses: {
            200: { description: 'the feed', content: feedBody },
            304: { description: 'not modified since the ETag or date given' },
            ...notFound,
          },
        },
      };
      paths[`${prefix}/archive/{page}/${FEED_FILE[format]}`] = {
        get: {
          tags: ['feeds'],
          summary: `${format.toUpperCase()} archive page of ${what} (RFC 5005)`,
          description: 'Older items in stable pages counted from the oldest; a full page is immutable.',
          parameters: [...parameters, pageParam],
          responses: {
            200: { description: 'the archive page', content: feedBody },
            304: { description: 'not modified' },
            ...errors('ARCHIVE_PAGE_NOT_FOUND'),
          },
        },
      };
    }
  }
  return paths;
}

export function buildOpenApi({ baseUrl, siteName }: { baseUrl: string; siteName: string }): Json {
  const article = jsonSchema(articleSchema);
  const cardRequest = jsonSchema(cardRequestSchema);
  const storedArticle = {
    type: 'object',
    required: ['article', 'version', 'createdAt', 'storedAt', 'links'],
    properties: {
      article,
      version: { type: 'string', description: 'content hash of the record; also the ETag' },
      createdAt: { type: 'string', format: 'date-time' },
      storedAt: { type: 'string', format: 'date-time' },
      links: { type: 'object', properties: { page: { type: 'string' }, card: { type: 'string' } } },
    },
  };

  return {
    openapi: '3.1.0',
    info: {
      title: `syndicard (${siteName})`,
      version: '1',
      description:
        'Syndication feeds and social preview cards for newsroom article records. Errors under /api are JSON `{ "error": { "code", "message", "issues" } }`; elsewhere plain text. Every 503 carries Retry-After.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: baseUrl }],
    tags: [
      { name: 'articles', description: 'the ingest API (bearer token)' },
      { name: 'feeds', description: 'RSS 2.0, Atom 1.0, JSON Feed 1.1' },
      { name: 'cards', description: 'social preview cards' },
      { name: 'pages', description: 'HTML pages' },
      { name: 'service', description: 'health, readiness, this description' },
    ],
    paths: {
      '/': {
        get: {
          tags: ['pages'],
          summary: 'the latest articles, with feed autodiscovery',
          responses: { 200: html('the home page') },
        },
      },
      '/robots.txt': {
        get: {
          tags: ['service'],
          summary: 'lets crawlers fetch cards and pages, not the API',
          responses: { 200: { description: 'robots.txt', content: { 'text/plain': { schema: { type: 'string' } } } } },
        },
      },
      '/healthz': {
        get: { tags: ['service'], summary: 'liveness: the process answers', responses: { 200: json('alive') } },
      },
      '/readyz': {
        get: {
          tags: ['service'],
          summary: 'readiness: the store can be read and written',
          responses: { 200: json('ready'), ...errors('NOT_READY') },
        },
      },
      '/metrics': {
        get: {
          tags: ['service'],
          summary: 'Prometheus metrics (text format), with SYNDICARD_METRICS_TOKEN as the bearer token',
          security: [{ metrics: [] }],
          responses: {
            200: { description: 'the metrics', content: { 'text/plain': { schema: { type: 'string' } } } },
            ...errors('UNAUTHENTICATED', 'FORBIDDEN', 'METRICS_OFF'),
          },
        },
      },
      '/openapi.json': {
        get: { tags: ['service'], summary: 'this description', responses: { 200: json('OpenAPI 3.1 document') } },
      },
      '/docs/api': {
        get: {
          tags: ['service'],
          summary: 'this description, readable (Swagger UI, served offline)',
          responses: { 200: html('the API reference page') },
        },
      },
      '/docs/api/{file}': {
        get: {
          tags: ['service'],
          summary: "Swagger UI's script and style, from the swagger-ui-dist package",
          parameters: [{ name: 'file', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'the file' }, ...errors('NOT_FOUND') },
        },
      },
      '/media/{folder}/{file}': {
        get: {
          tags: ['service'],
          summary: "the service's own bundled media (the demo articles' photos)",
          parameters: [
            { name: 'folder', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'file', in: 'path', required: true, schema: { type: 'string' } },
          ],
          responses: {
            200: {
              description: 'the image',
              content: { 'image/jpeg': { schema: { type: 'string', format: 'binary' } } },
            },
            ...errors('MEDIA_NOT_FOUND'),
          },
        },
      },
      '/assets/{file}': {
        get: {
          tags: ['service'],
          summary: "the service's own scripts and styles for its pages",
          parameters: [{ name: 'file', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'the file' }, ...errors('NOT_FOUND') },
        },
      },
      '/playground': {
        get: {
          tags: ['pages'],
          summary: 'the card playground (renders through POST /api/cards)',
          responses: { 200: html('the playground') },
        },
      },
      ...feedPaths(),
      '/articles/{id}': {
        get: {
          tags: ['pages'],
          summary: 'the article page, with every og:, article: and twitter: tag and JSON-LD NewsArticle',
          parameters: [idParam],
          responses: { 200: html('the page'), ...errors('ARTICLE_NOT_FOUND') },
        },
      },
      '/articles/{id}/preview': {
        get: {
          tags: ['pages'],
          summary: 'how each platform will show the article, with a checklist per platform',
          parameters: [idParam],
          responses: { 200: html('the preview page'), ...errors('ARTICLE_NOT_FOUND') },
        },
      },
      '/cards/{file}': {
        get: {
          tags: ['cards'],
          summary: "the article's current card: `{id}.png` or `{id}.jpg`",
          description:
            'Cache-Control max-age=300 with an ETag. HEAD is answered from memory without rendering when it can.',
          parameters: [
            {
              name: 'file',
              in: 'path',
              required: true,
              description: '`{id}.png` or `{id}.jpg`',
              schema: { type: 'string', pattern: '\\.(png|jpe?g)$' },
            },
          ],
          responses: {
            200: image('the card'),
            304: { description: 'not modified' },
            ...errors('CARD_NOT_FOUND', 'ARTICLE_NOT_FOUND', ...RENDER),
          },
        },
      },
      '/cards/{id}/{file}': {
        get: {
          tags: ['cards'],
          summary: 'a versioned card: `{version}.png` or `{version}.jpg` (what og:image points at)',
          description:
            'Immutable for a year when it shows what it should; an outdated version redirects (302) to the current one.',
          parameters: [
            idParam,
            {
              name: 'file',
              in: 'path',
              required: true,
              description: '`{version}.png` or `{version}.jpg`',
              schema: { type: 'string' },
            },
          ],
          responses: {
            200: image('the card'),
            302: { description: 'the version is outdated: Location is the current one' },
            ...errors('CARD_NOT_FOUND', 'ARTICLE_NOT_FOUND', ...RENDER, 'CARD_PHOTO_UNAVAILABLE'),
          },
        },
      },
      ...Object.fromEntries(
        (['png', 'jpg'] as const).map((ext) => [
          `/og.${ext}`,
          {
            get: {
              tags: ['cards'],
              summary: `ad-hoc card as ${ext.toUpperCase()}, from a signed URL (docs/signing.md)`,
              parameters: [
                ...Object.entries((cardRequest.properties ?? {}) as Record<string, Json>)
                  .filter(([name]) => name !== 'format' && name !== 'language' && name !== 'lang')
                  .map(([name, schema]) => ({ name, in: 'query', required: name === 'headline', schema })),
                {
                  name: 'lang',
                  in: 'query',
                  required: false,
                  description: 'BCP 47 language of the headline',
                  schema: { type: 'string' },
                },
                {
                  name: 'sig',
                  in: 'query',
                  required: true,
                  description: 'HMAC-SHA256 of the canonical query, base64url',
                  schema: { type: 'string' },
                },
              ],
              responses: {
                200: image('the card'),
                304: { description: 'not modified' },
                ...errors(
                  'INVALID_CARD_REQUEST',
                  'SIGNATURE_REQUIRED',
                  'SIGNATURE_INVALID',
                  'AD_HOC_CARDS_DISABLED',
                  'QUERY_TOO_LONG',
                  'CARD_RATE_LIMITED',
                  ...RENDER,
                ),
              },
            },
          },
        ]),
      ),
      '/api/cards': {
        post: {
          tags: ['cards'],
          summary: 'ad-hoc card for token holders',
          security: bearer,
          requestBody: {
            required: true,
            content: { 'application/json': { schema: cardRequest, example: CARD_EXAMPLE } },
          },
          responses: {
            200: image('the card'),
            ...errors(...BODY, 'INVALID_CARD_REQUEST', ...AUTH, ...RENDER),
          },
        },
      },
      '/api/cards/sign': {
        post: {
          tags: ['cards'],
          summary: 'a signed ad-hoc card URL for token holders (the playground\'s "copy signed URL")',
          security: bearer,
          requestBody: {
            required: true,
            content: { 'application/json': { schema: cardRequest, example: CARD_EXAMPLE } },
          },
          responses: {
            200: json('the URL', { type: 'object', required: ['url'], properties: { url: { type: 'string' } } }),
            ...errors(...BODY, 'INVALID_CARD_REQUEST', ...AUTH, 'SIGNING_NOT_ENABLED'),
          },
        },
      },
      '/api/articles': {
        get: {
          tags: ['articles'],
          summary: 'stored articles, newest first, paged with a cursor',
          security: bearer,
          parameters: [
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 20 } },
            { name: 'cursor', in: 'query', description: 'nextCursor of the previous page', schema: { type: 'string' } },
          ],
          responses: {
            200: json('a page', {
              type: 'object',
              properties: { items: { type: 'array', items: storedArticle }, nextCursor: { type: ['string', 'null'] } },
            }),
            ...errors('INVALID_LIMIT', 'INVALID_CURSOR', ...AUTH, ...STORE),
          },
        },
      },
      '/api/articles/{id}': {
        get: {
          tags: ['articles'],
          summary: 'one stored article',
          security: bearer,
          parameters: [idParam],
          responses: {
            200: json('the article', storedArticle),
            ...errors('INVALID_ID', ...AUTH, 'ARTICLE_NOT_FOUND', ...STORE),
          },
        },
        put: {
          tags: ['articles'],
          summary: 'create (201) or replace (200) an article record',
          description:
            'Idempotent: an identical record changes nothing (`changed: false`). Validated whole before the store is touched.',
          security: bearer,
          parameters: [idParam],
          requestBody: { required: true, content: { 'application/json': { schema: article, example: SEED_EXAMPLE } } },
          responses: {
            200: json('replaced', storedArticle),
            201: json('created', storedArticle),
            ...errors(...BODY, 'INVALID_ID', 'ID_MISMATCH', ...AUTH, 'INVALID_ARTICLE', ...STORE),
          },
        },
        delete: {
          tags: ['articles'],
          summary: 'delete one',
          security: bearer,
          parameters: [idParam],
          responses: {
            204: { description: 'deleted' },
            ...errors('INVALID_ID', ...AUTH, 'ARTICLE_NOT_FOUND', ...STORE),
          },
        },
      },
      '/api/articles/{id}/meta': {
        get: {
          tags: ['articles'],
          summary: "the article page's tags as JSON, for publishers who template their own pages",
          security: bearer,
          parameters: [idParam],
          responses: {
            200: json('tags, canonical, title, description and JSON-LD'),
            ...errors(...AUTH, 'ARTICLE_NOT_FOUND', ...STORE),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'SYNDICARD_API_TOKENS, or DATA_DIR/api-token' },
      },
      schemas: {
        Article: article,
        CardRequest: cardRequest,
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: {
                  type: 'string',
                  enum: ANSWERED,
                  description: 'stable; each route lists the codes it may answer, with their meaning',
                },
                message: { type: 'string', description: 'what was expected and what arrived' },
                issues: {
                  type: 'array',
                  items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
                },
              },
            },
          },
        },
      },
      responses: {
        Error: json('an error', { $ref: '#/components/schemas/Error' }),
        Unavailable: {
          description: 'temporarily unavailable: try again after Retry-After seconds',
          headers: { 'Retry-After': { required: true, schema: { type: 'integer' } } },
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    },
  };
}
