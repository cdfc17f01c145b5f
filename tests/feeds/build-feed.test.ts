import { describe, expect, it } from 'vitest';
import { buildFeed, FEED_FORMATS, type FeedFormat } from '../../src/feeds/index.js';
import {
  BASE_URL,
  build,
  FALLBACK_UPDATED,
  makeArticle,
  makeSampleItems,
  makeSite,
  makeStored,
  SEED_HEADLINE,
  SEED_ID,
  xml,
} from '../helpers/feed-fixtures.js';

const SNAPSHOT_FILE: Record<FeedFormat, string> = {
  rss: 'seed.rss.xml',
  atom: 'seed.atom.xml',
  json: 'seed.feed.json',
};

describe('buildFeed snapshots', () => {
  it.each(FEED_FORMATS)('renders the seed articles as %s', async (format) => {
    await expect(build(format)).toMatchFileSnapshot(`__snapshots__/${SNAPSHOT_FILE[format]}`);
  });

  it.each(FEED_FORMATS)('is deterministic for %s', (format) => {
    expect(build(format)).toBe(build(format));
  });
});

describe('item ids', () => {
  it('never change when the headline, URL or published time is edited', () => {
    const original = makeStored(makeArticle());
    const edited = makeStored(
      makeArticle({
        headline: 'A corrected headline',
        url: 'https://www.entertainmentdaily.example/news/renamed/',
        publishedAt: '2023-04-15T09:00:00+01:00',
        updatedAt: '2023-04-15T10:00:00+01:00',
      }),
      { firstPublishedAt: original.firstPublishedAt },
    );
    for (const format of FEED_FORMATS) {
      const before = build(format, [original]);
      const after = build(format, [edited]);
      expect(before).toContain(SEED_ID);
      expect(after).toContain(SEED_ID);
      expect(after).not.toContain(SEED_HEADLINE);
    }
  });

  it('take the date of first publication in UTC', () => {
    const stored = makeStored(
      makeArticle({ id: 'late-night', publishedAt: '2023-04-14T23:30:00-05:00', updatedAt: undefined }),
    );
    expect(JSON.parse(build('json', [stored])).items[0].id).toBe(
      'tag:www.entertainmentdaily.example,2023-04-15:late-night',
    );
  });
});

describe('feed updated time', () => {
  it('is the newest item updated time, even when that item is not the newest published', () => {
    const older = makeStored(
      makeArticle({ id: 'older', publishedAt: '2023-01-01T00:00:00Z', updatedAt: '2023-06-01T12:00:00Z' }),
    );
    const newer = makeStored(makeArticle({ id: 'newer', publishedAt: '2023-03-01T00:00:00Z', updatedAt: undefined }));
    expect(xml.parse(build('atom', [newer, older])).feed.updated).toBe('2023-06-01T12:00:00.000Z');
    expect(xml.parse(build('rss', [newer, older])).rss.channel.lastBuildDate).toBe('Thu, 01 Jun 2023 12:00:00 GMT');
  });

  it('is the fallback when there are no items, so an empty feed does not change between builds', () => {
    expect(xml.parse(build('atom', [])).feed.updated).toBe('2024-01-01T00:00:00.000Z');
    expect(xml.parse(build('rss', [])).rss.channel.lastBuildDate).toBe('Mon, 01 Jan 2024 00:00:00 GMT');
    expect(JSON.parse(build('json', [])).items).toEqual([]);
  });
});

describe('scoped feeds', () => {
  it.each([
    ['rss', '/sections/news/feed.rss'],
    ['atom', '/sections/news/feed.atom'],
    ['json', '/sections/news/feed.json'],
  ] as const)('name the scope in the %s title and link to themselves', (format, path) => {
    const out = buildFeed({
      format,
      site: makeSite(),
      baseUrl: BASE_URL,
      items: makeSampleItems(),
      scope: { kind: 'section', slug: 'news', name: 'News' },
      fallbackUpdated: FALLBACK_UPDATED,
    });
    expect(out).toContain('Entertainment Daily: News');
    expect(out).toContain(`${BASE_URL}${path}`);
  });
});

describe('site options', () => {
  it('writes logo and icon when the site has them', () => {
    const site = makeSite({
      logo: 'https://www.entertainmentdaily.example/logo.png',
      icon: 'https://www.entertainmentdaily.example/favicon.png',
    });
    const options = { site, baseUrl: BASE_URL, items: makeSampleItems(), fallbackUpdated: FALLBACK_UPDATED };
    const atom = xml.parse(buildFeed({ ...options, format: 'atom' })).feed;
    expect(atom.logo).toBe('https://www.entertainmentdaily.example/logo.png');
    expect(atom.icon).toBe('https://www.entertainmentdaily.example/favicon.png');
    const rss = xml.parse(buildFeed({ ...options, format: 'rss' })).rss.channel;
    expect(rss.image).toEqual({
      title: 'Entertainment Daily',
      url: 'https://www.entertainmentdaily.example/logo.png',
      link: 'https://www.entertainmentdaily.example/',
    });
    const json = JSON.parse(buildFeed({ ...options, format: 'json' }));
    expect(json.icon).toBe('https://www.entertainmentdaily.example/logo.png');
    expect(json.favicon).toBe('https://www.entertainmentdaily.example/favicon.png');
  });

  it('leaves them out when it does not', () => {
    expect(build('atom')).not.toContain('<logo>');
    expect(build('rss')).not.toContain('<image>');
  });
});
