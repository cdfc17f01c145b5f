import { beforeEach, describe, expect, it } from 'vitest';
import { AUTH, putJson, type TestApp, useTestApp } from '../helpers/app.js';
import { makeArticle, SEED_ARTICLE_TEXT } from '../helpers/fixtures.js';

const SEED_ID = 'baby-p-mum-befriends-woman-who-smothered-daughter';
const app = useTestApp();
let t: TestApp;
beforeEach(() => {
  t = app();
});

const put = (id: string, body: unknown) => putJson(t, id, body);

async function storeSnapshot() {
  const state = await t.store.state();
  const page = await t.store.list({ limit: 100 });
  return { revision: state.revision, items: page.items.map((s) => [s.article.id, s.version]) };
}

describe('PUT /api/articles/:id', () => {
  it('creates (201) then replaces (200) and keeps the seed article byte-for-byte in its text', async () => {
    const created = await t.request
      .put(`/api/articles/${SEED_ID}`)
      .set(AUTH)
      .set('Content-Type', 'application/json')
      .send(SEED_ARTICLE_TEXT);
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`https://feeds.example.test/api/articles/${SEED_ID}`);
    expect(created.body.article.headline).toBe(JSON.parse(SEED_ARTICLE_TEXT).headline);
    expect(created.body.changed).toBe(true);
    expect(created.headers.etag).toBe(`"${created.body.version}"`);

    const same = await put(SEED_ID, makeArticle());
    expect(same.status).toBe(200);
    expect(same.body.changed).toBe(false);

    const edited = await put(SEED_ID, makeArticle({ headline: 'Edited' }));
    expect(edited.status).toBe(200);
    expect(edited.body.changed).toBe(true);
    expect(edited.body.version).not.toBe(created.body.version);

    const got = await t.request.get(`/api/articles/${SEED_ID}`).set(AUTH);
    expect(got.status).toBe(200);
    expect(got.body.article.headline).toBe('Edited');
    expect(got.body.links).toEqual({
      page: `https://feeds.example.test/articles/${SEED_ID}`,
      card: `https://feeds.example.test/cards/${SEED_ID}.png`,
    });
  });

  it('takes the id from the path when the body has none', async () => {
    const { id: _omit, ...record } = makeArticle();
    const res = await put('from-path', record);
    expect(res.status).toBe(201);
    expect(res.body.article.id).toBe('from-path');
  });

  it.each([
    ['malformed JSON', '{"id": "x", ', 'application/json', 400, 'MALFORMED_JSON', 'not valid JSON'],
    ['an empty body', '', 'application/json', 400, 'MALFORMED_JSON', 'empty'],
    [
      'a form body',
      'headline=x',
      'application/x-www-form-urlencoded',
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'application/json',
    ],
    ['a JSON array', '[]', 'application/json', 422, 'INVALID_ARTICLE', 'JSON object'],
    ['a Latin-1 body', '{}', 'application/json; charset=latin1', 415, 'UNSUPPORTED_MEDIA_TYPE', 'UTF-8'],
  ])('answers %s with a clear 4xx and stores nothing', async (_name, body, type, status, code, message) => {
    const before = await storeSnapshot();
    const res = await t.request.put(`/api/articles/${SEED_ID}`).set(AUTH).set('Content-Type', type).send(body);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).toContain(message);
    expect(await storeSnapshot()).toEqual(before);
  });

  it.each([
    ['a missing headline', { headline: undefined }, 'headline', 'is required'],
    ['a relative url', { url: '/news/x/' }, 'url', 'absolute'],
    ['an impossible date', { publishedAt: '2023-02-29T07:15:00+01:00' }, 'publishedAt', 'no such day'],
  ])(
    'answers %s with 422 naming the field, and leaves the stored record as it was',
    async (_name, change, path, message) => {
      await put(SEED_ID, makeArticle());
      const before = await storeSnapshot();
      const res = await put(SEED_ID, makeArticle(change as Record<string, unknown>));
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('INVALID_ARTICLE');
      expect(res.body.error.issues).toContainEqual({ path, message: expect.stringContaining(message) });
      expect(await storeSnapshot()).toEqual(before);
    },
  );

  it('lists every field problem in one answer', async () => {
    const res = await put('x', { url: 'nope', publishedAt: 'soon', tags: 'one' });
    expect(res.status).toBe(422);
    expect(res.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'headline',
      'publishedAt',
      'tags',
      'url',
    ]);
  });

  it('refuses a 5 MB body with 413 and stores nothing', async () => {
    const before = await storeSnapshot();
    const res = await put(SEED_ID, makeArticle({ body: 'x'.repeat(5 * 1024 * 1024) }));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(res.body.error.message).toContain('1048576 bytes');
    expect(await storeSnapshot()).toEqual(before);
  });

  it('answers 400 when the path and body ids disagree', async () => {
    const res = await put('other-id', makeArticle());
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('ID_MISMATCH');
    expect(await t.store.get('other-id')).toBeUndefined();
  });

  it('answers 400 naming a body id that is not a string, even one no string can be made of', async () => {
    const before = await storeSnapshot();
    for (const [bodyId, shown] of [
      [{ toString: [] }, '{"toString":[]}'],
      [42, '42'],
      [['prop-a'], '["prop-a"]'],
    ] as const) {
      const res = await put('prop-a', { ...makeArticle(), id: bodyId });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('ID_MISMATCH');
      expect(res.body.error.message).toBe(`article id in the body (${shown}) does not match the path ("prop-a")`);
    }
    expect(await storeSnapshot()).toEqual(before);
  });

  it('answers 400 for an id that is not URL-safe', async () => {
    const res = await t.request.get('/api/articles/bad%20id').set(AUTH);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_ID');
  });
});

describe('authentication', () => {
  it.each([
    ['no token', {}, 401, 'UNAUTHENTICATED'],
    ['a malformed header', { Authorization: 'Basic abc' }, 401, 'UNAUTHENTICATED'],
    ['a wrong token', { Authorization: 'Bearer wrong-token-0123456789' }, 403, 'FORBIDDEN'],
  ])('answers %s with %i on every /api route and changes nothing', async (_name, headers, status, code) => {
    await put(SEED_ID, makeArticle());
    const before = await storeSnapshot();
    const calls = [
      t.request.get('/api/articles'),
      t.request.get(`/api/articles/${SEED_ID}`),
      t.request
        .put(`/api/articles/${SEED_ID}`)
        .set('Content-Type', 'application/json')
        .send(makeArticle({ headline: 'x' })),
      t.request.delete(`/api/articles/${SEED_ID}`),
    ];
    for (const call of calls) {
      const res = await call.set(headers);
      expect(res.status).toBe(status);
      expect(res.body.error.code).toBe(code);
      if (status === 401) expect(res.headers['www-authenticate']).toBe('Bearer realm="syndicard"');
    }
    expect(await storeSnapshot()).toEqual(before);
  });
});

describe('GET /api/articles', () => {
  it('pages newest first with a cursor and a Link header', async () => {
    for (const day of [1, 3, 2]) {
      await put(
        `a${day}`,
        makeArticle({ id: `a${day}`, publishedAt: `2024-01-0${day}T00:00:00Z`, updatedAt: undefined }),
      );
    }
    const first = await t.request.get('/api/articles?limit=2').set(AUTH);
    expect(first.status).toBe(200);
    expect(first.body.items.map((i: { article: { id: string } }) => i.article.id)).toEqual(['a3', 'a2']);
    expect(first.headers.link).toContain('rel="next"');
    const second = await t.request.get(`/api/articles?limit=2&cursor=${first.body.nextCursor}`).set(AUTH);
    expect(second.body.items.map((i: { article: { id: string } }) => i.article.id)).toEqual(['a1']);
    expect(second.body.nextCursor).toBeNull();
  });

  it.each(['0', '500', 'ten'])('refuses limit=%s', async (limit) => {
    const res = await t.request.get(`/api/articles?limit=${limit}`).set(AUTH);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_LIMIT');
  });

  it('refuses a forged cursor with 400', async () => {
    const res = await t.request.get('/api/articles?cursor=bm90LWEtY3Vyc29y').set(AUTH);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_CURSOR');
  });
});

describe('DELETE /api/articles/:id', () => {
  it('removes the article (204) and 404s the second time', async () => {
    await put(SEED_ID, makeArticle());
    expect((await t.request.delete(`/api/articles/${SEED_ID}`).set(AUTH)).status).toBe(204);
    expect((await t.request.get(`/api/articles/${SEED_ID}`).set(AUTH)).status).toBe(404);
    const again = await t.request.delete(`/api/articles/${SEED_ID}`).set(AUTH);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('ARTICLE_NOT_FOUND');
  });
});

describe('errors outside the API', () => {
  it('answers unknown paths with 404 text and wrong methods with 405 and Allow', async () => {
    const missing = await t.request.get('/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('/nothing-here');
    const wrong = await t.request.post('/feed.rss');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toContain('GET');
  });
});
