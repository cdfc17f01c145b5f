import { describe, expect, it } from 'vitest';
import { buildFeed, type FeedFormat } from '../../src/feeds/index.js';
import { BASE_URL, FALLBACK_UPDATED, makeSampleItems, makeSite, xml } from '../helpers/feed-fixtures.js';

/** WebSub discovery (W3C WebSub section 4) inside the documents: hubs beside the self link, in every format. */

const HUBS = ['https://hub.example/', 'http://127.0.0.1:8080/hub?x=1&y=2'];
const build = (format: FeedFormat, hubs = HUBS) =>
  buildFeed({
    format,
    site: makeSite(),
    baseUrl: BASE_URL,
    items: makeSampleItems(),
    fallbackUpdated: FALLBACK_UPDATED,
    hubs,
  });

const relsOf = (links: Array<Record<string, string>>) => links.map((link) => [link['@rel'], link['@href']]);

describe('hub links', () => {
  it('RSS carries atom:link rel="hub" for each hub and rel="self", escaped', () => {
    const out = build('rss');
    expect(out).toContain('href="http://127.0.0.1:8080/hub?x=1&amp;y=2"');
    const links = [xml.parse(out).rss.channel['atom:link']].flat();
    expect(relsOf(links)).toEqual([
      ['self', `${BASE_URL}/feed.rss`],
      ['hub', HUBS[0]],
      ['hub', HUBS[1]],
    ]);
  });

  it('Atom carries link rel="hub" for each hub beside rel="self"', () => {
    const links = [xml.parse(build('atom')).feed.link].flat();
    expect(relsOf(links)).toEqual([
      ['alternate', 'https://www.entertainmentdaily.example/'],
      ['self', `${BASE_URL}/feed.atom`],
      ['hub', HUBS[0]],
      ['hub', HUBS[1]],
    ]);
  });

  it('JSON Feed lists them in hubs with type WebSub', () => {
    expect(JSON.parse(build('json')).hubs).toEqual(HUBS.map((url) => ({ type: 'WebSub', url })));
  });

  it('writes nothing extra without hubs', () => {
    expect(build('atom', [])).not.toContain('rel="hub"');
    expect(build('rss', [])).not.toContain('rel="hub"');
    expect(JSON.parse(build('json', [])).hubs).toBeUndefined();
  });
});
