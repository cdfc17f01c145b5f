import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { type Article, stripXmlIllegal } from '../../src/articles/index.js';
import { buildFeed, type FeedFormat } from '../../src/feeds/index.js';
import { BASE_URL, FALLBACK_UPDATED, makeArticle, makeSite, makeStored } from '../helpers/feed-fixtures.js';
import { runXmllint } from '../helpers/feed-xmllint.js';

/**
 * `feed`'s serialiser (xml-js 1.6.11) leaves `&` and `<` in attributes unescaped, splits only the first `]]>` and
 * passes control characters through. Each case below breaks a feed built with `feed` alone.
 */

const HOSTILE = 'A ]]> B ]]> C <tag attr="x"> & &amp; \'single\' "double" ’curly’';
const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  trimValues: false,
});

function hostileArticle(): Article {
  // Built past parseArticle on purpose: the feed must defend itself even against records nobody cleaned.
  const article = makeArticle();
  return {
    ...article,
    headline: `${HOSTILE}\u0000\u0008\uFFFE`,
    standfirst: HOSTILE,
    body: `<p>${HOSTILE}</p>`,
    section: HOSTILE,
    tags: [HOSTILE, 'x\u0001y'],
    authors: [{ name: HOSTILE, email: 'a&b<c>@example.org' }],
    image: { url: 'https://img.example/photo', alt: HOSTILE, caption: HOSTILE, credit: HOSTILE },
  };
}

function build(format: FeedFormat): string {
  return buildFeed({
    format,
    site: makeSite({ name: HOSTILE, description: HOSTILE, copyright: HOSTILE }),
    baseUrl: BASE_URL,
    items: [makeStored(hostileArticle())],
    fallbackUpdated: FALLBACK_UPDATED,
  });
}

describe.each(['rss', 'atom'] as const)('%s with hostile text', (format) => {
  it('is well-formed for fast-xml-parser and for libxml2', () => {
    const out = build(format);
    expect(XMLValidator.validate(out)).toBe(true);
    const lint = runXmllint(['--noout', '-'], out);
    expect(lint.output).toBe('');
    expect(lint.status).toBe(0);
  });

  it('contains no character XML 1.0 forbids', () => {
    // Stripping forbidden characters changes nothing.
    const out = build(format);
    expect(stripXmlIllegal(out)).toBe(out);
  });

  it('gives every text back exactly as written (minus forbidden characters)', () => {
    const out = build(format);
    const parsed = xml.parse(out);
    if (format === 'rss') {
      const item = parsed.rss.channel.item;
      expect(parsed.rss.channel.title).toBe(HOSTILE);
      expect(item.title).toBe(HOSTILE);
      expect(item['dc:creator']).toBe(HOSTILE);
      expect(item.category).toEqual([HOSTILE, HOSTILE, 'xy']);
      expect(item['media:content']['media:credit']).toBe(HOSTILE);
      expect(item['media:content']['media:description']['#text']).toBe(HOSTILE);
    } else {
      const entry = parsed.feed.entry;
      expect(parsed.feed.title).toBe(HOSTILE);
      expect(entry.title['#text']).toBe(HOSTILE);
      expect(entry.summary['#text']).toBe(HOSTILE);
      expect(entry.author.name).toBe(HOSTILE);
      expect(entry.author.email).toBe('a&b<c>@example.org');
      expect(entry.category[0]['@label']).toBe(HOSTILE);
      expect(entry['media:content']['media:credit']).toBe(HOSTILE);
    }
  });

  it('splits every CDATA terminator, not only the first', () => {
    const out = build(format);
    const cdata = [...out.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((match) => match[1]);
    expect(cdata.length).toBeGreaterThan(0);
    for (const section of cdata) expect(section).not.toContain(']]>');
  });

  it('gives an image URL without an extension the default photo type, never a made-up one', () => {
    const out = build(format);
    expect(out).not.toContain('image//');
    expect(out).not.toMatch(/type="image\/photo"/);
    expect(out).not.toContain('application/octet-stream');
    // Both the enclosure and media:content say image/jpeg (readers hide an octet-stream enclosure).
    if (format === 'rss') expect(out.match(/type="image\/jpeg"/g)?.length).toBeGreaterThanOrEqual(2);
  });
});

describe('json with hostile text', () => {
  it('round-trips every text', () => {
    const feed = JSON.parse(build('json'));
    expect(feed.title).toBe(HOSTILE);
    expect(feed.items[0].title).toBe(HOSTILE);
    expect(feed.items[0].summary).toBe(HOSTILE);
    expect(feed.items[0].authors).toEqual([{ name: HOSTILE }]);
    expect(feed.items[0].tags).toEqual([HOSTILE, 'xy']);
  });
});

describe('why the wrapper exists', () => {
  it('feed 6.0.0 on its own writes broken XML for the same text (remove the wrapper when this fails)', async () => {
    const { Feed } = await import('feed');
    const feed = new Feed({ id: BASE_URL, title: 'x', link: 'https://news.example/', updated: FALLBACK_UPDATED });
    feed.addItem({
      title: HOSTILE,
      link: 'https://news.example/a',
      date: FALLBACK_UPDATED,
      category: [{ name: HOSTILE, term: HOSTILE }],
    });
    expect(XMLValidator.validate(feed.atom1())).not.toBe(true);
    expect(XMLValidator.validate(feed.rss2())).not.toBe(true);
  });
});
