import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildFeed } from '../../src/feeds/index.js';
import { BASE_URL, FALLBACK_UPDATED, makeArticle, makeSite, makeStored } from '../helpers/feed-fixtures.js';

/** Three entries: one in the feed's language, one in Hebrew, one without a language of its own. */
function items() {
  return [
    makeStored(makeArticle({ id: 'en', language: 'en-GB', headline: 'English one' })),
    makeStored(
      makeArticle({
        id: 'he',
        language: 'he',
        headline: 'הממשלה הודיעה',
        publishedAt: '2023-04-14T06:00:00+01:00',
        image: { url: 'https://www.entertainmentdaily.example/media/a.jpg', credit: 'רויטרס' },
      }),
    ),
    makeStored(makeArticle({ id: 'none', language: undefined, headline: 'No language of its own' })),
  ];
}

const build = (format: 'atom' | 'json' | 'rss') =>
  buildFeed({ format, site: makeSite(), baseUrl: BASE_URL, items: items(), fallbackUpdated: FALLBACK_UPDATED });

describe('feeds carry each item’s language (issue 7 §6)', () => {
  it('puts xml:lang on the Atom entries whose language differs from the feed’s, and only there', () => {
    const atom = build('atom');
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });
    const feed = parser.parse(atom).feed as { '@xml:lang': string; entry: Array<Record<string, unknown>> };
    expect(feed['@xml:lang']).toBe('en-GB');
    const byTitle = new Map(feed.entry.map((entry) => [String((entry.title as { '#text': string })['#text']), entry]));
    expect(byTitle.get('הממשלה הודיעה')?.['@xml:lang']).toBe('he');
    expect(byTitle.get('English one')?.['@xml:lang']).toBeUndefined();
    expect(byTitle.get('No language of its own')?.['@xml:lang']).toBeUndefined();
    expect(atom.match(/<entry[ >]/g)).toHaveLength(3);
  });

  it('gives JSON Feed items their language, and labels the credit in it', () => {
    const json = JSON.parse(build('json')) as {
      language: string;
      items: Array<{ title: string; language?: string; content_html: string }>;
    };
    expect(json.language).toBe('en-GB');
    const hebrew = json.items.find((item) => item.title === 'הממשלה הודיעה')!;
    expect(hebrew.language).toBe('he');
    expect(hebrew.content_html).toContain('<figcaption>(צילום: רויטרס)</figcaption>');
    expect(json.items.find((item) => item.title === 'No language of its own')?.language).toBeUndefined();
  });
});
