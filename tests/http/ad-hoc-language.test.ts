import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCardUrl } from '../../src/cards/index.js';
import { AUTH, binaryParser, makeTestApp, type TestApp } from '../helpers/app.js';

const KEY = 'card-signing-key-0123456789';
let t: TestApp;

beforeAll(async () => {
  t = await makeTestApp({ env: { SYNDICARD_SIGNING_KEYS: KEY } });
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const signed = (query: Record<string, string>) => {
  const url = new URL(signCardUrl(query, { baseUrl: 'https://feeds.example.test', key: KEY }));
  return `${url.pathname}${url.search}`;
};

const post = (body: Record<string, unknown>) =>
  t.request
    .post('/api/cards')
    .set(AUTH)
    .set('Content-Type', 'application/json')
    .send(JSON.stringify(body))
    .buffer(true)
    .parse(binaryParser);

describe('ad-hoc cards in a language (issue 7)', () => {
  it('signs `lang` with the rest of the query: a URL with its language changed is refused', async () => {
    const path = signed({ headline: 'הממשלה הודיעה על תוכנית חדשה', credit: 'AP', lang: 'he' });
    expect(path).toContain('lang=he');
    expect((await t.request.get(path)).status).toBe(200);
    expect((await t.request.get(path.replace('lang=he', 'lang=ar'))).status).toBe(403);
  }, 60_000);

  it('keys the card by its language, written in any case', async () => {
    const base = { headline: 'Markets rally after the vote', credit: 'AP', format: 'png' };
    const english = await post(base);
    const hebrew = await post({ ...base, language: 'he' });
    const hebrewAgain = await post({ ...base, language: 'HE' });
    expect([english.status, hebrew.status, hebrewAgain.status]).toEqual([200, 200, 200]);
    expect(hebrew.headers.etag).not.toBe(english.headers.etag);
    expect(hebrewAgain.headers.etag).toBe(hebrew.headers.etag);
  }, 60_000);

  it('answers a language that is not a BCP 47 tag with 400 naming the field', async () => {
    const query = await t.request.get(signed({ headline: 'Hi', lang: 'zh_TW' }));
    expect(query.status).toBe(400);
    expect(query.text).toContain('lang: must be a BCP 47 language tag such as "en-GB", got "zh_TW"');
    const body = await t.request
      .post('/api/cards')
      .set(AUTH)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ headline: 'Hi', language: 'english please' }));
    expect(body.status).toBe(400);
    expect(body.body.error.issues.map((issue: { path: string }) => issue.path)).toEqual(['language']);
  });

  it('gives the playground a signed URL that carries the language', async () => {
    const res = await t.request
      .post('/api/cards/sign')
      .set(AUTH)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ headline: 'שלום', language: 'he' }));
    expect(res.status).toBe(200);
    const url = new URL(res.body.url);
    expect(url.searchParams.get('lang')).toBe('he');
    expect((await t.request.get(`${url.pathname}${url.search}`)).status).toBe(200);
  }, 60_000);
});
