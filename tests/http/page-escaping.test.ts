import { findAll, textContent } from 'domutils';
import fc from 'fast-check';
import { parseDocument } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH, makeTestApp, type TestApp } from '../helpers/app.js';
import { makeArticle } from '../helpers/fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => {
  await t?.close();
});

const HOSTILE = '</title><script>alert(1)</script>"\'><img src=x onerror=alert(2)>&amp;</script><!--';

async function page(overrides: Record<string, unknown>): Promise<string> {
  const record = makeArticle({ id: 'hostile', ...overrides });
  await t.request
    .put('/api/articles/hostile')
    .set(AUTH)
    .set('Content-Type', 'application/json')
    .send(JSON.stringify(record))
    .expect((r) => {
      if (r.status >= 300) throw new Error(`PUT answered ${r.status}: ${r.text}`);
    });
  return (await t.request.get('/articles/hostile')).text;
}

describe('the article page escapes whatever the record says', () => {
  it('never lets a headline, alt text, tag or author open markup', async () => {
    const html = await page({
      headline: HOSTILE,
      standfirst: HOSTILE,
      section: HOSTILE,
      tags: [HOSTILE],
      authors: [{ name: HOSTILE, role: HOSTILE }],
      image: { url: 'https://x.example/a.jpg', alt: HOSTILE, credit: HOSTILE },
      body: `<p>ok</p><script>alert(3)</script><img src="https://x.example/b.jpg" onerror="alert(4)">`,
    });
    // Parsed as a browser would: no element from the record's text, no event handler, two scripts: the JSON-LD and the
    // service's own file that shows publisher links to token holders.
    const doc = parseDocument(html);
    const elements = findAll(() => true, doc.children);
    expect(elements.filter((el) => Object.keys(el.attribs).some((name) => name.startsWith('on')))).toEqual([]);
    expect(elements.filter((el) => el.name === 'script').map((el) => el.attribs.type ?? el.attribs.src)).toEqual([
      'application/ld+json',
      '/assets/token-links.js',
    ]);
    expect(elements.filter((el) => el.name === 'img').map((el) => el.attribs.src)).toEqual(['https://x.example/b.jpg']);
    expect(findAll((el) => el.name === 'title', doc.children).map((el) => textContent(el))).toEqual([HOSTILE]);
    const ld = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!;
    expect(JSON.parse(ld).headline).toBe(HOSTILE);
    expect(html).toContain('<p>ok</p>');
  });

  it('keeps every meta tag intact for any text (property-based)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }).filter((s) => s.trim().length > 0),
        async (headline) => {
          const html = await page({ headline, standfirst: headline });
          const head = html.slice(0, html.indexOf('</head>'));
          const metas = head.match(/<meta [^>]*>/g) ?? [];
          for (const meta of metas) expect(meta).toMatch(/^<meta (?:(?:property|name|content|charset)="[^"<>]*" ?)+>$/);
          expect(metas.length).toBeGreaterThanOrEqual(26);
        },
      ),
      { numRuns: 40 },
    );
  });
});
