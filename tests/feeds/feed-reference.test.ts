import { XMLParser } from 'fast-xml-parser';
import { Feed } from 'feed';
import { describe, expect, it } from 'vitest';
import { buildFeed, type FeedFormat } from '../../src/feeds/index.js';
import {
  BASE_URL,
  FALLBACK_UPDATED,
  makeArticle,
  makeSite,
  makeStored,
  makeWelshArticle,
} from '../helpers/feed-fixtures.js';

/**
 * `feed` (the project's chosen feed package) as the reference: our own writer must carry every element `feed`
 * writes for the same items, with the same values, read back by a parser. (Our documents add what `feed` cannot
 * write: namespaces, `dc:creator`, Media RSS, `xml:lang`, hubs and archive links.) The records here hold no text
 * that `feed`'s xml-js would mis-escape (`]]>`, control characters), so its output is a fair reference.
 */

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (name) => ['item', 'entry', 'category', 'link', 'author', 'atom:link'].includes(name),
});

const site = makeSite();
const items = [makeStored(makeArticle()), makeStored(makeWelshArticle())];

function ours(format: FeedFormat) {
  return buildFeed({ format, site, baseUrl: BASE_URL, items, fallbackUpdated: FALLBACK_UPDATED });
}

/** The same items given to `feed` the way its API takes them. */
function reference(): Feed {
  const updated = new Date(
    Math.max(...items.map(({ article }) => Date.parse(article.updatedAt ?? article.publishedAt))),
  );
  const feed = new Feed({
    id: `${BASE_URL}/feed.atom`,
    title: site.name,
    link: site.url,
    description: site.description,
    language: site.language,
    updated,
    generator: 'syndicard',
    author: { name: site.name, link: site.url },
    feedLinks: { rss: `${BASE_URL}/feed.rss`, atom: `${BASE_URL}/feed.atom` },
  });
  for (const { article } of items) {
    feed.addItem({
      title: article.headline,
      id: article.url,
      link: article.url,
      date: new Date(article.updatedAt ?? article.publishedAt),
      published: new Date(article.publishedAt),
      ...(article.standfirst ? { description: article.standfirst } : {}),
      content: '<p>x</p>',
      category: [article.section!, ...article.tags].map((name) => ({ name })),
      author: article.authors.map((author) => ({ name: author.name, ...(author.url ? { link: author.url } : {}) })),
    });
  }
  return feed;
}

const text = (node: unknown): string =>
  typeof node === 'object' && node !== null ? String((node as Record<string, unknown>)['#text'] ?? '') : String(node);

describe('our feeds against what `feed` writes for the same items', () => {
  it('RSS: every channel and item element `feed` writes is there, with the same value', () => {
    const theirs = parser.parse(reference().rss2()).rss.channel;
    const mine = parser.parse(ours('rss')).rss.channel;
    for (const name of ['title', 'link', 'description', 'lastBuildDate', 'docs', 'generator', 'language']) {
      expect(text(mine[name]), name).toBe(text(theirs[name]));
    }
    expect(mine['atom:link'][0]['@rel']).toBe('self');
    expect(mine.item).toHaveLength(theirs.item.length);
    theirs.item.forEach((item: Record<string, unknown>, index: number) => {
      const own = mine.item[index];
      for (const name of ['title', 'link', 'pubDate']) expect(text(own[name]), name).toBe(text(item[name]));
      expect(text(own.description ?? '')).toBe(text(item.description ?? ''));
      expect(own.category.map(text)).toEqual((item.category as unknown[]).map(text));
      expect(own.guid['@isPermaLink']).toBe('false');
      expect(own['content:encoded']).toBeDefined();
    });
  });

  it('Atom: every feed and entry element `feed` writes is there, with the same value', () => {
    const theirs = parser.parse(reference().atom1()).feed;
    const mine = parser.parse(ours('atom')).feed;
    for (const name of ['id', 'title', 'updated', 'generator', 'subtitle']) {
      expect(text(mine[name]), name).toBe(text(theirs[name]));
    }
    expect(mine.link).toEqual(theirs.link);
    expect(mine.author).toEqual(theirs.author);
    expect(mine.entry).toHaveLength(theirs.entry.length);
    theirs.entry.forEach((entry: Record<string, unknown>, index: number) => {
      const own = mine.entry[index];
      for (const name of ['title', 'updated', 'published']) expect(text(own[name]), name).toBe(text(entry[name]));
      expect(own.link[0]['@href']).toBe((entry.link as Array<Record<string, string>>)[0]!['@href']);
      expect((own.author ?? []).map((author: Record<string, unknown>) => author.name)).toEqual(
        ((entry.author ?? []) as Array<Record<string, unknown>>).map((author) => author.name),
      );
      expect(own.category.map((category: Record<string, string>) => category['@label'])).toEqual(
        (entry.category as Array<Record<string, string>>).map((category) => category['@label']),
      );
    });
  });
});
