import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/articles/index.js';
import { ValidationError } from '../../src/errors.js';
import { makeArticle, SEED_ARTICLE_TEXT } from '../helpers/fixtures.js';

function issuesOf(input: unknown): Array<{ path: string; message: string }> {
  try {
    parseArticle(input);
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).issues ?? [];
  }
  throw new Error('expected the record to be rejected');
}

describe('parseArticle', () => {
  it('accepts the seed article exactly as the newsroom wrote it and keeps its text intact', () => {
    const raw = JSON.parse(SEED_ARTICLE_TEXT);
    const article = parseArticle(raw);
    expect(article.headline).toBe(raw.headline);
    expect(article.headline).toContain('Baby P’s mum ‘becomes friends');
    expect(article.body).toBe(raw.body);
    expect(article.body).toContain('mates… they’re');
    expect(article.body).toContain('Peter Connelly – aka Baby P –');
    expect(article.authors).toEqual([{ name: 'Robert Emlyn Slater', role: 'Senior Writer', url: raw.authors[0].url }]);
    expect(article.image?.credit).toBe('Photo by Shutterstock');
    expect(article.images).toHaveLength(2);
    expect(article.related[0]?.title).toContain('can’t remember');
    expect(article.videos[0]).toEqual({
      provider: 'youtube',
      title: 'YouTube video player',
      url: 'https://www.youtube.com/embed/VIDEO_ID',
    });
  });

  it('keeps any script and drops only characters XML 1.0 forbids', () => {
    const headline = 'Ελλάδα · Москва · 東京 · مرحبا · 😀\u0001\u000b\uFFFE end\ttab\nline';
    const article = parseArticle(makeArticle({ headline }));
    expect(article.headline).toBe('Ελλάδα · Москва · 東京 · مرحبا · 😀 end\ttab\nline');
  });

  it('fills optional lists with empty arrays', () => {
    const article = parseArticle({
      id: 'a',
      url: 'https://x.example/a',
      headline: 'H',
      publishedAt: '2024-01-01T00:00:00Z',
    });
    expect(article).toMatchObject({ tags: [], authors: [], images: [], related: [], videos: [], body: '' });
  });

  it.each([
    ['a missing headline', { headline: undefined }, 'headline', 'is required'],
    ['a blank headline', { headline: '   ' }, 'headline', 'must not be empty'],
    ['a relative url', { url: '/news/x/' }, 'url', 'must be an absolute http(s) URL'],
    ['a javascript: url', { url: 'javascript:alert(1)' }, 'url', 'must use http or https'],
    ['a url with credentials', { url: 'https://u:p@x.example/' }, 'url', 'user name or password'],
    ['an impossible date', { publishedAt: '2023-02-30T10:00:00Z' }, 'publishedAt', 'has no such day'],
    ['a date without offset', { publishedAt: '2023-02-03T10:00:00' }, 'publishedAt', 'RFC 3339'],
    ['a 25th hour', { publishedAt: '2023-02-03T25:00:00Z' }, 'publishedAt', 'no such time'],
    ['an update before publication', { updatedAt: '2020-01-01T00:00:00Z' }, 'updatedAt', 'earlier than publishedAt'],
    ['an id with a slash', { id: 'a/b' }, 'id', 'URL-safe'],
    ['a bad language', { language: 'english please' }, 'language', 'BCP 47'],
    ['a relative hero image', { image: { url: 'mugshot.jpg' } }, 'image.url', 'absolute'],
    ['a nameless author', { authors: [{ role: 'Writer' }] }, 'authors[0].name', 'is required'],
    ['a tag that is not text', { tags: ['ok', 7] }, 'tags[1]', 'expected string'],
    ['a bad author e-mail', { authors: [{ name: 'A', email: 'not-mail' }] }, 'authors[0].email', 'e-mail'],
    ['a negative image width', { image: { url: 'https://x.example/a.jpg', width: -5 } }, 'image.width', ''],
  ])('rejects %s with the path and a message', (_name, overrides, path, message) => {
    const issues = issuesOf(makeArticle(overrides as Record<string, unknown>));
    const issue = issues.find((i) => i.path === path);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue!.message).toContain(message);
  });

  it('lists every problem at once', () => {
    const issues = issuesOf({ id: 'x', url: 'nope', publishedAt: 'yesterday' });
    expect(issues.map((i) => i.path).sort()).toEqual(['headline', 'publishedAt', 'url']);
  });

  it.each([null, 'text', 42, []])('rejects a non-object record (%j)', (input) => {
    expect(issuesOf(input)[0]?.path).toBe('(root)');
  });

  it('shortens a hostile value in error messages', () => {
    const issues = issuesOf(makeArticle({ url: 'x'.repeat(1000) }));
    expect(issues[0]!.message.length).toBeLessThan(200);
  });
});

describe('parseArticle against hostile JSON', () => {
  it('does not let a "__proto__" key supply fields', () => {
    const input = JSON.parse(
      '{"__proto__": {"headline": "from the prototype"}, "id": "p", "url": "https://x.example/p", "publishedAt": "2024-01-01T00:00:00Z"}',
    );
    expect(() => parseArticle(input)).toThrow(/headline: is required/);
    expect(({} as Record<string, unknown>).headline).toBeUndefined();
  });
});
