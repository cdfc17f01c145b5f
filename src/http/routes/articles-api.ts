import Router from '@koa/router';
import { ARTICLE_ID, type ArticleStore, parseArticle, type StoredArticle } from '../../articles/index.js';
import { httpError } from '../http-error.js';
import { bearerAuth } from '../middleware/bearer-auth.js';
import { jsonBody } from '../middleware/json-body.js';

export interface ArticlesApiDeps {
  store: ArticleStore;
  tokens: readonly string[];
  bodyLimitBytes: number;
  baseUrl: string;
}

const MAX_PAGE = 200;

/** The ingest API: every route needs a bearer token; writes are validated whole before the store is touched. */
export function articlesApiRoutes({ store, tokens, bodyLimitBytes, baseUrl }: ArticlesApiDeps): Router {
  const router = new Router({ prefix: '/api' });
  router.use(bearerAuth(tokens));

  router.param('id', async (id, _ctx, next) => {
    if (!ARTICLE_ID.test(id)) {
      throw httpError(400, 'INVALID_ID', `article id "${id.slice(0, 80)}" is not a URL-safe id of 1–200 characters`);
    }
    return next();
  });

  router.get('/articles', async (ctx) => {
    const limit = pageSize(ctx.query.limit);
    if (limit === undefined)
      throw httpError(400, 'INVALID_LIMIT', `limit must be a whole number from 1 to ${MAX_PAGE}`);
    const cursor = typeof ctx.query.cursor === 'string' ? ctx.query.cursor : undefined;
    const page = await store.list({ limit, cursor });
    const next = page.nextCursor ? `${baseUrl}/api/articles?limit=${limit}&cursor=${page.nextCursor}` : undefined;
    if (next) ctx.set('Link', `<${next}>; rel="next"`);
    ctx.body = { items: page.items.map((stored) => present(stored, baseUrl)), nextCursor: page.nextCursor ?? null };
  });

  router.get('/articles/:id', async (ctx) => {
    const stored = await store.get(ctx.params.id!);
    if (!stored) throw httpError(404, 'ARTICLE_NOT_FOUND', `article "${ctx.params.id}" not found`);
    ctx.set('ETag', `"${stored.version}"`);
    ctx.body = present(stored, baseUrl);
  });

  router.put('/articles/:id', jsonBody(bodyLimitBytes), async (ctx) => {
    const id = ctx.params.id!;
    const body = ctx.state.body as unknown;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw httpError(422, 'INVALID_ARTICLE', 'request body must be a JSON object (one article record)');
    }
    const record = body as Record<string, unknown>;
    if (record.id !== undefined && record.id !== id) {
      // Shown as JSON, not String(): the body is anyone's JSON, and an object such as {"toString": []} cannot be
      // turned into a string (a TypeError, which was a 500: found by tests/http/ingest-inputs.test.ts).
      const shown =
        typeof record.id === 'string' ? `"${record.id.slice(0, 80)}"` : JSON.stringify(record.id).slice(0, 80);
      throw httpError(400, 'ID_MISMATCH', `article id in the body (${shown}) does not match the path ("${id}")`);
    }
    const article = parseArticle({ ...record, id });
    const result = await store.put(article);
    ctx.status = result.created ? 201 : 200;
    if (result.created) ctx.set('Location', `${baseUrl}/api/articles/${encodeURIComponent(id)}`);
    ctx.set('ETag', `"${result.stored.version}"`);
    ctx.body = { ...present(result.stored, baseUrl), changed: result.changed };
  });

  router.delete('/articles/:id', async (ctx) => {
    const removed = await store.delete(ctx.params.id!);
    if (!removed) throw httpError(404, 'ARTICLE_NOT_FOUND', `article "${ctx.params.id}" not found`);
    ctx.status = 204;
  });

  return router;
}

function pageSize(raw: unknown): number | undefined {
  if (raw === undefined) return 20;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= 1 && n <= MAX_PAGE ? n : undefined;
}

function present(stored: StoredArticle, baseUrl: string) {
  const id = encodeURIComponent(stored.article.id);
  return {
    article: stored.article,
    version: stored.version,
    createdAt: stored.createdAt.toISOString(),
    storedAt: stored.storedAt.toISOString(),
    links: { page: `${baseUrl}/articles/${id}`, card: `${baseUrl}/cards/${id}.png` },
  };
}
