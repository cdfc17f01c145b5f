import { describe, expect, it } from 'vitest';
import { FEED_CONTENT_TYPES, FEED_FILE, FEED_FORMATS, feedPath } from '../../src/feeds/index.js';

describe('feedPath', () => {
  it.each([
    ['rss', undefined, '/feed.rss'],
    ['atom', undefined, '/feed.atom'],
    ['json', undefined, '/feed.json'],
    ['rss', { kind: 'section', slug: 'news' }, '/sections/news/feed.rss'],
    ['atom', { kind: 'author', slug: 'x' }, '/authors/x/feed.atom'],
    ['json', { kind: 'tag', slug: 'true-crime' }, '/tags/true-crime/feed.json'],
    ['rss', { kind: 'tag', slug: '東京' }, '/tags/%E6%9D%B1%E4%BA%AC/feed.rss'],
  ] as const)('%s %o → %s', (format, scope, path) => {
    expect(feedPath(format, scope)).toBe(path);
  });
});

describe('format constants', () => {
  it('list the three formats with their media types and file names', () => {
    expect(FEED_FORMATS).toEqual(['rss', 'atom', 'json']);
    expect(FEED_CONTENT_TYPES).toEqual({
      rss: 'application/rss+xml; charset=utf-8',
      atom: 'application/atom+xml; charset=utf-8',
      json: 'application/feed+json; charset=utf-8',
    });
    expect(FEED_FILE).toEqual({ rss: 'feed.rss', atom: 'feed.atom', json: 'feed.json' });
  });
});
