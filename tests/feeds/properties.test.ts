import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { type Article, stripXmlIllegal } from '../../src/articles/index.js';
import { buildFeed } from '../../src/feeds/index.js';
import { BASE_URL, FALLBACK_UPDATED, makeArticle, makeSite, makeStored } from '../helpers/feed-fixtures.js';
import { runXmllint } from '../helpers/feed-xmllint.js';

/**
 * Any Unicode in any text field — including `]]>`, markup characters, quotes, control characters, lone surrogates
 * and noncharacters — must still give well-formed XML and valid JSON that give the text back. Records are built
 * past parseArticle on purpose: the feed must not rely on the record having been cleaned.
 */

const NASTY = [
  ']]>',
  ']]]]>',
  '<',
  '>',
  '&',
  '&amp;',
  '&lt;',
  '"',
  "'",
  '<![CDATA[',
  '-->',
  '\u0000',
  '\u0001',
  '\u0008',
  '\u000B',
  '\u001F',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '\uD800',
  '\uDFFF',
  '\uFFFE',
  '\uFFFF',
  '\u2028',
  '\u0085',
  '💥',
  'ẞ',
  'ي',
];

const anyText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 8 }),
      fc.constantFrom(...NASTY),
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join(''));

const inputs = fc.record({
  headline: anyText,
  standfirst: anyText,
  body: anyText,
  author: anyText,
  tag: anyText,
  section: anyText,
  credit: anyText,
  caption: anyText,
  alt: anyText,
  siteName: anyText,
});

type Inputs = typeof inputs extends fc.Arbitrary<infer T> ? T : never;

const seed = makeArticle();

function articleFrom(input: Inputs): Article {
  return {
    ...seed,
    headline: input.headline,
    standfirst: input.standfirst,
    body: `<p>${input.body}</p>${input.body}`,
    section: input.section,
    tags: [input.tag, 'plain'],
    authors: [{ name: input.author }],
    image: { url: 'https://img.example/a.jpg', caption: input.caption, credit: input.credit, alt: input.alt },
  };
}

function buildAll(input: Inputs) {
  const options = {
    site: { ...makeSite(), name: input.siteName },
    baseUrl: BASE_URL,
    items: [makeStored(articleFrom(input))],
    fallbackUpdated: FALLBACK_UPDATED,
  };
  return {
    rss: buildFeed({ ...options, format: 'rss' }),
    atom: buildFeed({ ...options, format: 'atom' }),
    json: buildFeed({ ...options, format: 'json' }),
  };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  trimValues: false,
  // Decodes numeric character references (we write CR, tab and LF in attributes that way).
  htmlEntities: true,
});

function textOf(node: unknown): string {
  if (typeof node === 'string') return node;
  if (node && typeof node === 'object' && '#text' in node) return String(node['#text']);
  return '';
}

describe('feeds for any Unicode', () => {
  it('are well-formed XML that gives every text back, and valid JSON that round-trips', () => {
    const documents: string[] = [];
    fc.assert(
      fc.property(inputs, (input) => {
        const { rss, atom, json } = buildAll(input);
        const clean = (text: string) => stripXmlIllegal(text);
        // Blank optional texts (credit, caption) are left out rather than written empty.
        const optional = (text: string) => (clean(text).trim() ? clean(text) : '');

        for (const xml of [rss, atom]) {
          expect(XMLValidator.validate(xml)).toBe(true);
          // No character XML 1.0 forbids: stripping them changes nothing.
          expect(stripXmlIllegal(xml)).toBe(xml);
          documents.push(xml);
        }

        const item = parser.parse(rss).rss.channel.item;
        expect(textOf(item.title)).toBe(clean(input.headline));
        expect(textOf(item['dc:creator'])).toBe(clean(input.author));
        expect(textOf(item['media:content']['media:credit'])).toBe(optional(input.credit));

        const entry = parser.parse(atom).feed.entry;
        expect(textOf(entry.title)).toBe(clean(input.headline));
        expect(textOf(entry.author.name)).toBe(clean(input.author));
        const tags = [entry.category].flat().filter((category) => category['@scheme'] === `${BASE_URL}/tags/`);
        expect(tags[0]['@label']).toBe(clean(input.tag));

        const feed = JSON.parse(json);
        expect(JSON.parse(JSON.stringify(feed))).toEqual(feed);
        expect(feed.title).toBe(clean(input.siteName));
        expect(feed.items[0].title).toBe(clean(input.headline));
        expect(feed.items[0].authors[0].name).toBe(clean(input.author));
      }),
      { numRuns: 150 },
    );

    // libxml2 is stricter than fast-xml-parser about characters and CDATA: it reads every document generated above.
    const dir = mkdtempSync(join(tmpdir(), 'syndicard-feeds-'));
    try {
      const files = documents.map((xml, index) => {
        const file = join(dir, `${index}.xml`);
        writeFileSync(file, xml);
        return file;
      });
      const result = runXmllint(['--noout', ...files]);
      expect(result.output).toBe('');
      expect(result.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
