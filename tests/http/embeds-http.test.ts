import { afterEach, describe, expect, it } from 'vitest';
import { makeTestApp, putArticle, type TestApp } from '../helpers/app.js';
import { makeArticle } from '../helpers/fixtures.js';

const BODY = [
  '<p>Before.</p>',
  '<iframe title="YouTube video player" src="https://www.youtube.com/embed/dQw4w9WgXcQ" width="560" height="315"></iframe>',
  '<iframe src="https://player.vimeo.com/video/76979871"></iframe>',
  '<iframe src="https://tracker.example/embed/1"></iframe>',
  '<p>After.</p>',
].join('\n');

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function appWith(env: Record<string, string> = {}): Promise<TestApp> {
  t = await makeTestApp({ env });
  await putArticle(t, makeArticle({ id: 'embeds', body: BODY, image: undefined }));
  return t;
}

describe('embeds through the app', () => {
  it('in all three feeds: allowed embeds become links to the video, others disappear, no iframe is left', async () => {
    const app = await appWith();
    for (const path of ['/feed.rss', '/feed.atom', '/feed.json']) {
      const res = await app.request.get(path).buffer(true);
      const text = path.endsWith('.json') ? JSON.stringify(JSON.parse(res.text)) : res.text;
      expect(text).not.toMatch(/iframe/i);
      expect(text).not.toContain('tracker.example');
      const unescaped = path.endsWith('.json')
        ? JSON.parse(res.text).items[0].content_html
        : text
            .replace(/&lt;/g, '<')
            .replace(/&gt;/g, '>')
            .replace(/&quot;/g, '"')
            .replace(/&amp;/g, '&');
      expect(unescaped).toContain('<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">Watch on YouTube</a>');
      expect(unescaped).toContain('<a href="https://vimeo.com/76979871">Watch on Vimeo</a>');
    }
  });

  it('on the article page: frames from the allowed hosts only, matching the CSP frame-src', async () => {
    const app = await appWith();
    const res = await app.request.get('/articles/embeds');
    const frames = [...res.text.matchAll(/<iframe[^>]*src="([^"]+)"/g)].map((m) => new URL(m[1]!).hostname);
    expect(frames).toEqual(['www.youtube.com', 'player.vimeo.com']);
    const frameSrc = /frame-src ([^;]+)/.exec(res.headers['content-security-policy']!)![1]!.split(' ');
    for (const host of frames) expect(frameSrc).toContain(`https://${host}`);
  });

  it('follows SYNDICARD_EMBED_HOSTS: only Vimeo allowed', async () => {
    const app = await appWith({ SYNDICARD_EMBED_HOSTS: 'player.vimeo.com' });
    const page = await app.request.get('/articles/embeds');
    expect([...page.text.matchAll(/<iframe/g)]).toHaveLength(1);
    expect(page.text).toContain('src="https://player.vimeo.com/video/76979871"');
    expect(page.headers['content-security-policy']).toContain('frame-src https://player.vimeo.com;');
    const feed = await app.request.get('/feed.json');
    const html: string = JSON.parse(feed.text).items[0].content_html;
    expect(html).toContain('https://vimeo.com/76979871');
    expect(html).not.toContain('youtube');
  });
});
