import type Router from '@koa/router';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/articles/index.js';
import { OPENAPI_EXAMPLES } from '../../src/http/openapi.js';
import { AUTH, binaryParser, useTestApp } from '../helpers/app.js';

/**
 * /openapi.json is checked by a validator nobody here wrote (@seriousme/openapi-schema-validator, the OpenAPI
 * Initiative's 3.1 JSON Schema), against the router's own route table in both directions, and its example requests
 * go through the real validation.
 */

const t = useTestApp();

type Doc = { openapi: string; paths: Record<string, Record<string, unknown>> };

async function fetchDoc(): Promise<Doc> {
  const res = await t().request.get('/openapi.json');
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  return res.body as Doc;
}

/** Every (method, path) the app's one router knows, in OpenAPI's path syntax (`:id` → `{id}`). */
function routerOperations(): string[] {
  const dispatch = t().app.middleware.find((fn) => 'router' in fn) as { router: Router } | undefined;
  if (!dispatch) throw new Error('the app has no @koa/router dispatcher');
  const operations = new Set<string>();
  for (const layer of dispatch.router.stack) {
    // Layers without methods are router.use() middleware (bearer auth, param checks), not routes.
    for (const method of layer.methods) {
      if (method === 'HEAD') continue; // @koa/router answers HEAD for every GET
      operations.add(`${method.toLowerCase()} ${String(layer.path).replace(/:([A-Za-z_]+)/g, '{$1}')}`);
    }
  }
  return [...operations].sort();
}

describe('/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const doc = await fetchDoc();
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 2)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('describes every route the router knows, and no route it does not', async () => {
    const doc = await fetchDoc();
    const described = Object.entries(doc.paths)
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`))
      .sort();
    const routes = routerOperations();
    expect(routes.length).toBeGreaterThan(30);
    const undocumented = routes.filter((op) => !described.includes(op));
    expect(undocumented, `routes missing from src/http/openapi.ts: add them there`).toEqual([]);
    const phantom = described.filter((op) => !routes.includes(op));
    expect(phantom, 'src/http/openapi.ts describes routes the router does not have').toEqual([]);
  });

  it('has example requests that pass the real validation and the real endpoints', async () => {
    const doc = await fetchDoc();
    const put = (
      doc.paths['/api/articles/{id}']!.put as { requestBody: { content: Record<string, { example: unknown }> } }
    ).requestBody.content['application/json']!.example;
    expect(put).toEqual(OPENAPI_EXAMPLES.article);
    expect(() => parseArticle({ ...(put as object), id: 'openapi-example' })).not.toThrow();
    const created = await t()
      .request.put('/api/articles/openapi-example')
      .set(AUTH)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(put));
    expect(created.status, created.text).toBe(201);

    const card = (doc.paths['/api/cards']!.post as { requestBody: { content: Record<string, { example: unknown }> } })
      .requestBody.content['application/json']!.example;
    const rendered = await t()
      .request.post('/api/cards')
      .set(AUTH)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(card))
      .buffer(true)
      .parse(binaryParser);
    expect(rendered.status).toBe(200);
    expect(rendered.headers['content-type']).toBe('image/png');
  }, 60_000);

  it('documents the error shape every 4xx under /api answers with', async () => {
    const doc = (await fetchDoc()) as Doc & { components: { schemas: Record<string, unknown> } };
    const res = await t().request.get('/api/articles/nope').set(AUTH);
    expect(res.status).toBe(404);
    const schema = { ...(doc.components.schemas.Error as object) };
    // The schema is JSON Schema 2020-12 (OpenAPI 3.1's dialect): ajv checks a real answer against it.
    const { default: Ajv } = await import('ajv/dist/2020.js');
    const ajv = new Ajv.default({ strict: false });
    expect(ajv.validate(schema, res.body), JSON.stringify(ajv.errors)).toBe(true);
  });
});
