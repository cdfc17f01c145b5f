import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { Feed } from 'feed';
import { describe, expect, it } from 'vitest';
import type { StoredArticle } from '../../src/articles/index.js';
import { buildFeed, type FeedFormat, type FeedScope } from '../../src/feeds/index.js';
import jsonFeedSchema from '../fixtures/schemas/jsonfeed-1.1.schema.json' with { type: 'json' };
import { BASE_URL, FALLBACK_UPDATED, makeSampleItems, makeSite } from '../helpers/feed-fixtures.js';
import { runXmllint } from '../helpers/feed-xmllint.js';

/** Each format checked against its specification by tools nobody here wrote. */

const ATOM_RNG = fileURLToPath(new URL('../fixtures/schemas/atom.rng', import.meta.url));
const RFC_822_DATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (GMT|[+-]\d{4})$/;
const MEDIA_TYPE = /^[a-z]+\/[a-z0-9.+-]+$/;

const VARIANTS: Array<[string, StoredArticle[], FeedScope | undefined]> = [
  ['site-wide', makeSampleItems(), undefined],
  [
    'scoped',
    makeSampleItems().slice(0, 1),
    { kind: 'author', slug: 'robert-emlyn-slater', name: 'Robert Emlyn Slater' },
  ],
  ['empty', [], undefined],
];

function build(format: FeedFormat, items: StoredArticle[], scope?: FeedScope): string {
  return buildFeed({
    format,
    site: makeSite(),
    baseUrl: BASE_URL,
    items,
    ...(scope ? { scope } : {}),
    fallbackUpdated: FALLBACK_UPDATED,
  });
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (name) => ['item', 'entry', 'author'].includes(name),
});

describe('Atom against the RELAX NG schema of RFC 4287 (xmllint)', () => {
  it.each(VARIANTS)('validates the %s feed', (_name, items, scope) => {
    const result = runXmllint(['--noout', '--relaxng', ATOM_RNG, '-'], build('atom', items, scope));
    expect(result.output).toBe('- validates\n');
    expect(result.status).toBe(0);
  });

  it('rejects a feed without an id, so the check can fail', () => {
    const broken = build('atom', makeSampleItems()).replace(/<id>http[^<]*<\/id>/, '');
    const result = runXmllint(['--noout', '--relaxng', ATOM_RNG, '-'], broken);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('fails to validate');
  });

  it('meets the author rule the schema leaves to Schematron (section 4.1.1)', () => {
    const feed = parser.parse(build('atom', makeSampleItems())).feed;
    const everyEntryHasAuthor = feed.entry.every((entry: { author?: unknown[] }) => (entry.author ?? []).length > 0);
    expect(feed.author?.length > 0 || everyEntryHasAuthor).toBe(true);
  });
});

describe('RSS 2.0 (xmllint well-formedness and the RSS Best Practices Profile)', () => {
  it.each(VARIANTS)('the %s feed is well-formed for libxml2', (_name, items, scope) => {
    const result = runXmllint(['--noout', '-'], build('rss', items, scope));
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });

  it.each(VARIANTS)('the %s feed has the required and recommended channel elements', (_name, items, scope) => {
    const { rss } = parser.parse(build('rss', items, scope));
    expect(rss['@version']).toBe('2.0');
    const channel = rss.channel;
    for (const name of ['title', 'link', 'description', 'language', 'lastBuildDate', 'generator']) {
      expect(channel[name], name).toBeTruthy();
    }
    expect(channel.lastBuildDate).toMatch(RFC_822_DATE);
    expect(channel['atom:link']['@rel']).toBe('self');
    expect(channel['atom:link']['@type']).toBe('application/rss+xml');
  });

  it('gives every item a guid, an RFC 822 pubDate and a complete enclosure', () => {
    const items = parser.parse(build('rss', makeSampleItems())).rss.channel.item;
    expect(items).toHaveLength(3);
    for (const item of items) {
      expect(item.title || item.description).toBeTruthy();
      expect(item.guid['#text']).toMatch(/^tag:[a-z0-9.-]+,\d{4}-\d{2}-\d{2}:.+$/);
      expect(item.guid['@isPermaLink']).toBe('false');
      expect(item.pubDate).toMatch(RFC_822_DATE);
      expect(Number.isNaN(Date.parse(item.pubDate))).toBe(false);
      if (item.enclosure) {
        expect(() => new URL(item.enclosure['@url'])).not.toThrow();
        expect(item.enclosure['@length']).toMatch(/^\d+$/);
        expect(item.enclosure['@type']).toMatch(MEDIA_TYPE);
      }
    }
    expect(items.filter((item: { enclosure?: unknown }) => item.enclosure)).toHaveLength(2);
  });
});

describe('JSON Feed 1.1 against a schema written from the specification (ajv)', () => {
  const ajv = new Ajv2020({ allErrors: true });
  addFormats.default(ajv);
  const validate = ajv.compile(jsonFeedSchema);

  it.each(VARIANTS)('validates the %s feed', (_name, items, scope) => {
    const valid = validate(JSON.parse(build('json', items, scope)));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('rejects what feed writes on its own (version 1, singular author), so the check can fail', () => {
    const feed = new Feed({ id: BASE_URL, title: 'x', link: 'https://news.example/', author: { name: 'Desk' } });
    feed.addItem({ id: 'a', title: 'a', link: 'https://news.example/a', date: FALLBACK_UPDATED, content: '<p>a</p>' });
    expect(validate(JSON.parse(feed.json1()))).toBe(false);
    expect(validate.errors?.map((error) => error.instancePath)).toContain('/version');
  });
});
