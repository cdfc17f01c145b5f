import { extractFromJson, extractFromXml } from '@extractus/feed-extractor';
import { XMLValidator } from 'fast-xml-parser';
import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { buildFeed, FEED_FORMATS, type FeedFormat } from '../../src/feeds/index.js';
import { BASE_URL, FALLBACK_UPDATED, makeSampleItems, makeSite } from '../helpers/feed-fixtures.js';

/** Readers nobody here wrote: if they cannot read our feeds, neither can subscribers' apps. */

const SEED_ID = 'tag:www.entertainmentdaily.example,2023-04-14:baby-p-mum-befriends-woman-who-smothered-daughter';
const SEED_HEADLINE =
  'Baby P’s mum ‘becomes friends with woman who smothered three-year-old daughter’ after prison release';
const SEED_URL = 'https://www.entertainmentdaily.example/news/baby-p-mum-befriends-woman-who-smothered-daughter/';

function build(format: FeedFormat): string {
  return buildFeed({
    format,
    site: makeSite(),
    baseUrl: BASE_URL,
    items: makeSampleItems(),
    fallbackUpdated: FALLBACK_UPDATED,
  });
}

describe('fast-xml-parser XMLValidator', () => {
  it.each(['rss', 'atom'] as const)('finds the %s feed well-formed', (format) => {
    expect(XMLValidator.validate(build(format))).toBe(true);
  });
});

describe('rss-parser', () => {
  // Typed loosely on purpose: Atom entries carry `id` and `author`, which rss-parser's Item type does not list.
  const parser = new Parser<Record<string, unknown>, Record<string, unknown>>({
    customFields: { item: ['dc:creator', 'media:content'] },
  });

  it('reads the RSS feed', async () => {
    const feed = await parser.parseString(build('rss'));
    expect(feed.title).toBe('Entertainment Daily');
    expect(feed.link).toBe('https://www.entertainmentdaily.example/');
    expect(feed.items).toHaveLength(3);
    const [seed] = feed.items;
    expect(seed?.title).toBe(SEED_HEADLINE);
    expect(seed?.guid).toBe(SEED_ID);
    expect(seed?.link).toBe(SEED_URL);
    expect(seed?.isoDate).toBe('2023-04-14T06:15:00.000Z');
    expect(seed?.creator).toBe('Robert Emlyn Slater');
    expect(seed?.categories).toEqual(['News', 'Baby P', 'Tracey Connelly', 'Helen Caudwell', 'True crime']);
    expect(seed?.enclosure).toEqual({
      url: 'https://www.entertainmentdaily.example/media/baby-p-mum-mugshot.jpg',
      type: 'image/jpeg',
      length: '0',
    });
    expect(seed?.['content:encoded']).toContain('(Credit: Photo by Shutterstock)');
  });

  it('reads the Atom feed', async () => {
    const feed = await parser.parseString(build('atom'));
    expect(feed.title).toBe('Entertainment Daily');
    expect(feed.items).toHaveLength(3);
    const [seed, opinion] = feed.items;
    expect(seed?.title).toBe(SEED_HEADLINE);
    expect(seed?.id).toBe(SEED_ID);
    expect(seed?.link).toBe(SEED_URL);
    expect(seed?.author).toBe('Robert Emlyn Slater');
    // rss-parser prefers Atom `published` over `updated`.
    expect(seed?.isoDate).toBe('2023-04-14T06:15:00.000Z');
    expect(seed?.content).toContain('Tracey and Helen are mates…');
    expect(opinion?.title).toBe('Column: “Soaps & sagas” — why <Corrie> still matters');
  });
});

describe('@extractus/feed-extractor', () => {
  const options = { descriptionMaxLen: 0 };

  it.each(FEED_FORMATS)('reads the %s feed', (format) => {
    const out = build(format);
    const feed = format === 'json' ? extractFromJson(out, options) : extractFromXml(out, options);
    expect(feed.title).toBe('Entertainment Daily');
    expect(feed.link).toBe('https://www.entertainmentdaily.example/');
    expect(feed.entries).toHaveLength(3);
    const [seed, opinion] = feed.entries ?? [];
    expect(seed?.id).toBe(SEED_ID);
    expect(seed?.title).toBe(SEED_HEADLINE);
    expect(seed?.link).toBe(SEED_URL);
    // feed-extractor reads Atom `updated` as the entry date; RSS pubDate and JSON date_published are the publication time.
    expect(seed?.published).toBe(format === 'atom' ? '2023-04-14T10:42:00.000Z' : '2023-04-14T06:15:00.000Z');
    expect(opinion?.title).toBe('Column: “Soaps & sagas” — why <Corrie> still matters');
  });
});
