import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH, makeTestApp, putJson, type TestApp, useTestApp } from '../helpers/app.js';
import { makeArticle } from '../helpers/fixtures.js';

const app = useTestApp();

async function unchanged(t: TestApp, id: string): Promise<void> {
  expect((await t.request.get(`/api/articles/${id}`).set(AUTH)).status).toBe(404);
  expect((await t.store.state()).revision).toBe(0);
}

describe('timestamps the schema allows but Date cannot hold', () => {
  it.each([
    ['publishedAt', '2016-12-31T23:59:60Z', /leap second.*send the same time with :59/],
    ['publishedAt', '2016-12-31T18:59:60-05:00', /leap second/],
    ['publishedAt', '0000-01-01T00:00:00+01:00', /between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z/],
    ['publishedAt', '0000-06-01T00:00:00Z', /between 0001-01-01/],
    ['publishedAt', '9999-12-31T23:59:59-01:00', /between 0001-01-01/],
    ['updatedAt', '2030-06-30T23:59:60Z', /leap second/],
  ])('%s %s is 422 naming the field, and nothing is stored', async (field, value, message) => {
    const t = app();
    const res = await putJson(t, 'timed', makeArticle({ id: 'timed', [field]: value }));
    expect(res.status).toBe(422);
    const issue = res.body.error.issues.find((i: { path: string }) => i.path === field);
    expect(issue?.message).toMatch(message);
    await unchanged(t, 'timed');
  });

  it.each([
    '0001-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '2024-02-29t12:00:00z',
    '2024-02-29 12:00:00+01:00',
    '2024-01-01T00:00:00.123456789Z',
  ])('accepts %s and serves it in every feed', async (value) => {
    const t = app();
    const res = await putJson(t, 'edge', makeArticle({ id: 'edge', publishedAt: value, updatedAt: undefined }));
    expect(res.status).toBe(201);
    for (const feed of ['/feed.rss', '/feed.atom', '/feed.json']) expect((await t.request.get(feed)).status).toBe(200);
  });
});

describe('JSON nested too deep', () => {
  it('is 400 JSON_TOO_DEEP before parsing, for 100,000 levels and for 65', async () => {
    const t = app();
    for (const depth of [100_000, 65]) {
      const body = `${'['.repeat(depth)}${']'.repeat(depth)}`;
      const res = await t.request
        .put('/api/articles/deep')
        .set(AUTH)
        .set('Content-Type', 'application/json')
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('JSON_TOO_DEEP');
    }
    // Brackets inside strings are text, not nesting.
    const inString = await putJson(t, 'deep', makeArticle({ id: 'deep', headline: '['.repeat(10_000) }));
    expect(inString.status).toBe(422);
    expect(inString.body.error.code).toBe('INVALID_ARTICLE');
    await unchanged(t, 'deep');
  });
});

describe('any JSON body at the ingest API (property)', () => {
  let t: TestApp;
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    t = await makeTestApp();
    server = createServer(t.callback);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await t.close();
  });

  const anyString = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.constantFrom('', ' ', '2016-12-31T23:59:60Z'),
  );
  const anyJson = fc.jsonValue({ maxDepth: 6 });
  const fields = ['id', 'url', 'headline', 'standfirst', 'body', 'publishedAt', 'updatedAt', 'language', 'section'];
  const listFields = ['tags', 'authors', 'image', 'images', 'related', 'videos'];
  /** A valid record with one to three fields replaced by anything: reaches the validators and the store. */
  const nearlyArticle = fc
    .record({
      replace: fc.dictionary(fc.constantFrom(...fields, ...listFields), fc.oneof(anyJson, anyString), {
        minKeys: 1,
        maxKeys: 3,
      }),
    })
    .map(({ replace }) => ({ ...makeArticle(), id: undefined, ...replace }));
  const nested = fc
    .tuple(fc.integer({ min: 1, max: 300 }), fc.constantFrom('[', '{"a":'), anyJson)
    .map(([depth, open, inner]) => {
      const close = open === '[' ? ']' : '}';
      return `${open.repeat(depth)}${JSON.stringify(inner)}${close.repeat(depth)}`;
    });
  const body = fc.oneof(
    anyJson.map((value) => JSON.stringify(value)),
    nearlyArticle.map((value) => JSON.stringify(value)),
    nested,
    anyString.map((value) => JSON.stringify(value)),
  );

  it('never answers 5xx to 5,000 random bodies, and the feeds still build afterwards', async () => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom('prop-a', 'prop-b', 'x'), async (text, id) => {
        const res = await fetch(`${origin}/api/articles/${id}`, {
          method: 'PUT',
          headers: { ...AUTH, 'Content-Type': 'application/json' },
          body: text,
        });
        await res.arrayBuffer();
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 5000 },
    );
    // Every kind of answer was reached, so the bodies did get past the JSON reader into validation and the store.
    expect([...seen.keys()].sort()).toEqual(expect.arrayContaining([400, 422]));
    expect((seen.get(200) ?? 0) + (seen.get(201) ?? 0)).toBeGreaterThan(0);
    for (const feed of ['/feed.rss', '/feed.atom', '/feed.json']) {
      expect((await fetch(`${origin}${feed}`)).status).toBe(200);
    }
  }, 600_000);
});
