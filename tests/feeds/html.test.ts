import { describe, expect, it } from 'vitest';
import { renderContentHtml, renderHeroFigure, sanitizeBody } from '../../src/feeds/content/html.js';

const ARTICLE_URL = 'https://news.example/section/story/';

describe('sanitizeBody', () => {
  it.each([
    ['removes scripts with their text', '<p>a</p><script>alert(1)</script>', '<p>a</p>'],
    ['removes styles with their text', '<style>p{color:red}</style><p>a</p>', '<p>a</p>'],
    ['removes event handlers', '<p onclick="x()" onmouseover="y()">a</p>', '<p>a</p>'],
    ['removes javascript: links', '<a href="javascript:alert(1)">a</a>', '<a>a</a>'],
    ['removes obfuscated javascript: links', '<a href="  JaVaScRiPt:alert(1)">a</a>', '<a>a</a>'],
    ['removes data: images', '<img src="data:image/png;base64,AAAA" alt="x">', '<img alt="x" />'],
    ['makes relative links absolute', '<a href="/about">a</a>', '<a href="https://news.example/about">a</a>'],
    [
      'resolves against the article URL',
      '<img src="pic.jpg" alt="">',
      '<img src="https://news.example/section/story/pic.jpg" alt="" />',
    ],
    ['resolves ../ paths', '<a href="../other/">a</a>', '<a href="https://news.example/section/other/">a</a>'],
    ['resolves protocol-relative URLs', '<a href="//cdn.example/x">a</a>', '<a href="https://cdn.example/x">a</a>'],
    ['keeps mailto links', '<a href="mailto:desk@news.example">a</a>', '<a href="mailto:desk@news.example">a</a>'],
    [
      'keeps https video embeds',
      '<iframe src="https://www.youtube.com/embed/X" width="560" height="315" allowfullscreen></iframe>',
      '<iframe src="https://www.youtube.com/embed/X" width="560" height="315" allowfullscreen></iframe>',
    ],
    ['drops plain-http embeds entirely', '<iframe src="http://video.example/embed/X"></iframe><p>a</p>', '<p>a</p>'],
    [
      'drops https embeds from hosts not on the list',
      '<iframe src="https://evil.example/embed/X"></iframe><iframe src="/relative"></iframe><p>a</p>',
      '<p>a</p>',
    ],
    [
      'drops an embed that only looks like an allowed host',
      '<iframe src="https://www.youtube.com.evil.example/embed/X"></iframe><iframe src="https://user@evil.example/?www.youtube.com"></iframe>',
      '',
    ],
    [
      'keeps figures, captions, quotes and headings',
      '<figure><img src="/a.jpg" alt="A"><figcaption>Cap</figcaption></figure><blockquote>Q</blockquote><h2>H</h2>',
      '<figure><img src="https://news.example/a.jpg" alt="A" /><figcaption>Cap</figcaption></figure><blockquote>Q</blockquote><h2>H</h2>',
    ],
    ['keeps curly quotes and ellipses as characters', '<p>“It’s…” – she said</p>', '<p>“It’s…” – she said</p>'],
    ['escapes a CDATA terminator in text', '<p>]]></p>', '<p>]]&gt;</p>'],
  ])('%s', (_name, input, expected) => {
    expect(sanitizeBody(input, ARTICLE_URL)).toBe(expected);
  });
});

describe('embeds', () => {
  it('keeps an allowed embed as a frame on pages, and only hosts on the configured list', () => {
    const body =
      '<iframe src="https://player.vimeo.com/video/76979871"></iframe><iframe src="https://www.youtube.com/embed/X"></iframe>';
    expect(sanitizeBody(body, ARTICLE_URL, { hosts: ['player.vimeo.com'], mode: 'frame' })).toBe(
      '<iframe src="https://player.vimeo.com/video/76979871"></iframe>',
    );
    expect(sanitizeBody(body, ARTICLE_URL, { hosts: [], mode: 'frame' })).toBe('');
  });

  it.each([
    [
      'https://www.youtube.com/embed/dQw4w9WgXcQ?start=3',
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      'Watch on YouTube',
    ],
    [
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      'Watch on YouTube',
    ],
    [
      'https://www.youtube.com/embed/videoseries?list=PL590L5WQmH8fJ54F369BLDSqIwcs-TCfs',
      'https://www.youtube.com/playlist?list=PL590L5WQmH8fJ54F369BLDSqIwcs-TCfs',
      'Watch on YouTube',
    ],
    ['https://player.vimeo.com/video/76979871?h=8272103f6e', 'https://vimeo.com/76979871', 'Watch on Vimeo'],
    [
      'https://www.dailymotion.com/embed/video/x8abcd1',
      'https://www.dailymotion.com/video/x8abcd1',
      'Watch on Dailymotion',
    ],
    [
      'https://open.spotify.com/embed/episode/4rOoJ6Egrf8K2IrywzwOMk',
      'https://open.spotify.com/episode/4rOoJ6Egrf8K2IrywzwOMk',
      'Listen on Spotify',
    ],
    [
      'https://w.soundcloud.com/player/?url=https%3A//soundcloud.com/artist/track&color=%23ff5500',
      'https://soundcloud.com/artist/track',
      'Listen on SoundCloud',
    ],
  ])('in feeds turns %s into a link to %s', (src, href, text) => {
    const html = renderContentHtml(
      `<p>a</p><iframe src="${src}" width="560" height="315" allowfullscreen></iframe>`,
      ARTICLE_URL,
      undefined,
    );
    expect(html).toBe(`<p>a</p><a href="${href.replace(/&/g, '&amp;')}">${text}</a>`);
  });

  it('in feeds names the embed by its own title when it has one, and drops embeds from other hosts', () => {
    const html = renderContentHtml(
      '<iframe title="Interview: the director" src="https://player.vimeo.com/video/1"></iframe><iframe src="https://evil.example/x"></iframe>',
      ARTICLE_URL,
      undefined,
    );
    expect(html).toBe('<a href="https://vimeo.com/1">Interview: the director (Vimeo)</a>');
    expect(
      renderContentHtml(
        '<iframe src="https://player.vimeo.com/video/1"></iframe>',
        ARTICLE_URL,
        undefined,
        undefined,
        [],
      ),
    ).toBe('');
  });
});

describe('renderHeroFigure', () => {
  it('prints caption and credit the way the publisher does', () => {
    expect(
      renderHeroFigure({ url: 'https://news.example/a.jpg', alt: 'Alt', caption: 'Caption', credit: 'Photo by X' }),
    ).toBe(
      '<figure><img src="https://news.example/a.jpg" alt="Alt"><figcaption>Caption (Credit: Photo by X)</figcaption></figure>',
    );
  });

  it('never labels a labelled credit twice (issue 8), and labels in the item’s language', () => {
    expect(renderHeroFigure({ url: 'https://news.example/a.jpg', credit: 'Credit: AP' })).toContain(
      '<figcaption>(Credit: AP)</figcaption>',
    );
    expect(renderHeroFigure({ url: 'https://news.example/a.jpg', credit: 'AP' }, 'he')).toContain(
      '<figcaption>(צילום: AP)</figcaption>',
    );
    expect(renderHeroFigure({ url: 'https://news.example/a.jpg', credit: 'ロイター' }, 'ja')).toContain(
      '<figcaption>(写真：ロイター)</figcaption>',
    );
  });

  it('escapes what it prints', () => {
    expect(renderHeroFigure({ url: 'https://news.example/a.jpg?a=1&b=2', alt: '"<A>"', credit: 'R&D' })).toBe(
      '<figure><img src="https://news.example/a.jpg?a=1&amp;b=2" alt="&quot;&lt;A&gt;&quot;"><figcaption>(Credit: R&amp;D)</figcaption></figure>',
    );
  });

  it('leaves the caption out when there is nothing to say', () => {
    expect(renderHeroFigure({ url: 'https://news.example/a.jpg' })).toBe(
      '<figure><img src="https://news.example/a.jpg" alt=""></figure>',
    );
  });
});

describe('renderContentHtml', () => {
  it('puts the hero figure first', () => {
    const html = renderContentHtml('<p>Body</p>', ARTICLE_URL, { url: 'https://news.example/a.jpg', alt: 'A' });
    expect(html).toBe('<figure><img src="https://news.example/a.jpg" alt="A" /></figure>\n<p>Body</p>');
  });

  it('is empty for an empty body and no image', () => {
    expect(renderContentHtml('', ARTICLE_URL, undefined)).toBe('');
  });
});
