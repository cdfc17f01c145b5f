import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, putArticle, type TestApp } from '../helpers/app.js';
import { makeArticle } from '../helpers/fixtures.js';

let t: TestApp;

beforeAll(async () => {
  t = await makeTestApp();
  await putArticle(t, makeArticle({ id: 'he-article', language: 'he', headline: 'הממשלה הודיעה על תוכנית חדשה' }));
  await putArticle(t, makeArticle({ id: 'tw-article', language: 'zh-TW', headline: '台北捷運新路線今日通車' }));
  await putArticle(t, makeArticle({ id: 'site-language', language: undefined, headline: 'No language of its own' }));
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const page = async (id: string) => (await t.request.get(`/articles/${id}`)).text;

describe('article pages carry the language (issue 7 §6)', () => {
  it.each([
    ['he-article', '<html lang="he" dir="rtl"', 'he_IL'],
    ['tw-article', '<html lang="zh-TW" dir="ltr"', 'zh_TW'],
    ['site-language', '<html lang="en-GB" dir="ltr"', 'en_GB'],
  ])('%s: %s, og:locale %s', async (id, root, locale) => {
    const html = await page(id);
    expect(html).toContain(root);
    expect(html).toContain(`<meta property="og:locale" content="${locale}">`);
  });
});
