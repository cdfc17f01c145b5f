import { describe, expect, it } from 'vitest';
import { BASE_URL, build, SEED_HEADLINE, SEED_ID, xml } from '../helpers/feed-fixtures.js';

/** The wire names of each format, read back with a generic XML parser, for the seed articles. */

function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

describe('RSS 2.0', () => {
  const rss = () => xml.parse(build('rss')).rss;

  it('declares every namespace it uses on the root', () => {
    const root = rss();
    expect(root['@version']).toBe('2.0');
    expect(root['@xmlns:dc']).toBe('http://purl.org/dc/elements/1.1/');
    expect(root['@xmlns:media']).toBe('http://search.yahoo.com/mrss/');
    expect(root['@xmlns:content']).toBe('http://purl.org/rss/1.0/modules/content/');
    expect(root['@xmlns:atom']).toBe('http://www.w3.org/2005/Atom');
  });

  it('describes the channel', () => {
    const channel = rss().channel;
    expect(channel.title).toBe('Entertainment Daily');
    expect(channel.link).toBe('https://www.entertainmentdaily.example/');
    expect(channel.description).toBe('Showbiz, TV and real-life news');
    expect(channel.language).toBe('en-GB');
    expect(channel.copyright).toBe('© Entertainment Daily');
    expect(channel.generator).toBe('syndicard');
    expect(channel['atom:link']).toMatchObject({ '@href': `${BASE_URL}/feed.rss`, '@rel': 'self' });
    // Newest updated time among the items (the seed's updatedAt), not the time of rendering.
    expect(channel.lastBuildDate).toBe('Fri, 14 Apr 2023 10:42:00 GMT');
  });

  it('writes the seed item with its permanent id, byline, picture and credit', () => {
    const item = asArray(rss().channel.item)[0];
    expect(item.title).toBe(SEED_HEADLINE);
    expect(item.guid).toMatchObject({ '#text': SEED_ID, '@isPermaLink': 'false' });
    expect(item.pubDate).toBe('Fri, 14 Apr 2023 06:15:00 GMT');
    expect(item.description).toBe('Connelly was released last year');
    expect(item['dc:creator']).toBe('Robert Emlyn Slater');
    expect(item.category).toEqual(['News', 'Baby P', 'Tracey Connelly', 'Helen Caudwell', 'True crime']);
    expect(item.enclosure).toMatchObject({
      '@url': 'https://www.entertainmentdaily.example/media/baby-p-mum-mugshot.jpg',
      '@type': 'image/jpeg',
      '@length': '0',
    });
    expect(item['media:content']).toMatchObject({
      '@url': 'https://www.entertainmentdaily.example/media/baby-p-mum-mugshot.jpg',
      '@medium': 'image',
      '@type': 'image/jpeg',
      '@width': '1600',
      '@height': '900',
      'media:credit': 'Photo by Shutterstock',
      'media:description': { '#text': 'Baby P mum in mugshot, Peter Connelly' },
    });
    const content: string = item['content:encoded'];
    expect(
      content.startsWith('<figure><img src="https://www.entertainmentdaily.example/media/baby-p-mum-mugshot.jpg"'),
    ).toBe(true);
    expect(content).toContain('<figcaption>(Credit: Photo by Shutterstock)</figcaption>');
    expect(content).toContain('Tracey and Helen are mates… they’re always talking to each other.');
    // The YouTube embed becomes a link to the video: readers strip iframes and the W3C validator warns on them.
    expect(content).toContain('<a href="https://www.youtube.com/watch?v=VIDEO_ID">Watch on YouTube</a>');
    expect(content).not.toContain('<iframe');
  });

  it('writes one dc:creator per author, escaped', () => {
    const item = asArray(rss().channel.item)[1];
    expect(item['dc:creator']).toEqual(['Aoife O’Brien', 'Kim "KJ" Jones']);
    expect(item.title).toBe('Column: “Soaps & sagas” — why <Corrie> still matters');
    // RSS descriptions are HTML: the standfirst is escaped once more so readers show it as written.
    expect(item.description).toBe('Two writers argue it out: 5 &gt; 3 &amp; “quotes” stay intact');
    expect(item.enclosure).toBeUndefined();
  });

  it('gives a PNG its real type and keeps the caption and credit', () => {
    const item = asArray(rss().channel.item)[2];
    expect(item.enclosure['@type']).toBe('image/png');
    expect(item.enclosure['@url']).toBe('https://www.entertainmentdaily.example/media/cor.png?w=1200&h=630');
    expect(item['media:content']['@width']).toBeUndefined();
    expect(item['media:content']['media:description']['#text']).toBe('Y côr ar y llwyfan');
    expect(item['media:content']['media:credit']).toBe('Llun: “Ffotograffydd” & Co');
  });
});

describe('Atom 1.0', () => {
  const feed = () => xml.parse(build('atom')).feed;

  it('sets the language and namespaces on the root', () => {
    const root = feed();
    expect(root['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(root['@xml:lang']).toBe('en-GB');
    expect(root['@xmlns:media']).toBe('http://search.yahoo.com/mrss/');
  });

  it('describes the feed', () => {
    const root = feed();
    expect(root.title).toBe('Entertainment Daily');
    expect(root.subtitle).toBe('Showbiz, TV and real-life news');
    expect(root.rights).toBe('© Entertainment Daily');
    expect(root.generator).toBe('syndicard');
    expect(root.updated).toBe('2023-04-14T10:42:00.000Z');
    expect(asArray(root.link)).toEqual([
      { '@rel': 'alternate', '@href': 'https://www.entertainmentdaily.example/' },
      { '@rel': 'self', '@href': `${BASE_URL}/feed.atom` },
    ]);
  });

  it('keeps published and updated apart and writes authors, categories and the picture', () => {
    const entry = asArray(feed().entry)[0];
    expect(entry.id).toBe(SEED_ID);
    expect(entry.title).toEqual({ '#text': SEED_HEADLINE, '@type': 'text' });
    expect(entry.published).toBe('2023-04-14T06:15:00.000Z');
    expect(entry.updated).toBe('2023-04-14T10:42:00.000Z');
    expect(entry.author).toEqual({
      name: 'Robert Emlyn Slater',
      uri: 'https://www.entertainmentdaily.example/author/robert-emlyn-slater/',
    });
    expect(asArray(entry.category)[4]).toEqual({
      '@term': 'true-crime',
      '@label': 'True crime',
      '@scheme': `${BASE_URL}/tags/`,
    });
    expect(asArray(entry.link)).toContainEqual({
      '@rel': 'enclosure',
      '@href': 'https://www.entertainmentdaily.example/media/baby-p-mum-mugshot.jpg',
      '@type': 'image/jpeg',
    });
    expect(entry['media:content']['media:credit']).toBe('Photo by Shutterstock');
    expect(entry.content['@type']).toBe('html');
  });

  it('uses updated = published when an article was never updated, and e-mails authors', () => {
    const entry = asArray(feed().entry)[1];
    expect(entry.published).toBe('2023-04-13T18:00:00.000Z');
    expect(entry.updated).toBe('2023-04-13T18:00:00.000Z');
    expect(asArray(entry.author)[0]).toEqual({
      name: 'Aoife O’Brien',
      email: 'aoife@entertainmentdaily.example',
      uri: 'https://www.entertainmentdaily.example/author/aoife/',
    });
    expect(entry.title['#text']).toBe('Column: “Soaps & sagas” — why <Corrie> still matters');
  });
});

describe('JSON Feed 1.1', () => {
  const json = () => JSON.parse(build('json'));

  it('declares version 1.1 and the 1.1 members', () => {
    const feed = json();
    expect(feed).toMatchObject({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Entertainment Daily',
      home_page_url: 'https://www.entertainmentdaily.example/',
      feed_url: `${BASE_URL}/feed.json`,
      language: 'en-GB',
      authors: [{ name: 'Entertainment Daily', url: 'https://www.entertainmentdaily.example/' }],
    });
    expect(feed).not.toHaveProperty('author');
  });

  it('writes items with ids, dates, authors, tags and image', () => {
    const [seed, opinion, welsh] = json().items;
    expect(seed).toMatchObject({
      id: SEED_ID,
      title: SEED_HEADLINE,
      summary: 'Connelly was released last year',
      image: 'https://www.entertainmentdaily.example/media/baby-p-mum-mugshot.jpg',
      date_published: '2023-04-14T06:15:00.000Z',
      date_modified: '2023-04-14T10:42:00.000Z',
      authors: [
        { name: 'Robert Emlyn Slater', url: 'https://www.entertainmentdaily.example/author/robert-emlyn-slater/' },
      ],
      tags: ['News', 'Baby P', 'Tracey Connelly', 'Helen Caudwell', 'True crime'],
    });
    expect(seed).not.toHaveProperty('author');
    expect(opinion.summary).toBe('Two writers argue it out: 5 > 3 & “quotes” stay intact');
    expect(opinion.authors).toEqual([
      { name: 'Aoife O’Brien', url: 'https://www.entertainmentdaily.example/author/aoife/' },
      { name: 'Kim "KJ" Jones' },
    ]);
    expect(welsh.language).toBe('cy');
  });
});
