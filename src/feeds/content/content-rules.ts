import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { type Article, type ContentRules, parseArticle, stripXmlIllegal } from '../../articles/index.js';
import { DEFAULT_EMBED_HOSTS, renderContentHtml } from './html.js';

/**
 * The rules by which a record's published HTML (`content:encoded`, Atom `content`, JSON Feed `content_html`) is made
 * from it: the hero figure, then the body sanitised, made absolute and its embeds turned into links
 * (html.ts). Stores run them at ingest and keep the result beside the record, so a feed build only reads
 * it; the version tells a store which records to recompute when it opens and a build which stored results it may use.
 */

/**
 * Raise when the sanitising or the hero figure changes in a way the probe below might not show. The version also
 * covers what is configured (embed hosts, the site's language, which labels credits of articles without one), the
 * installed sanitize-html, and the rules' own output for a probe record that exercises every rule.
 */
const RULES_REVISION = 1;

const SANITIZE_HTML_VERSION = (createRequire(import.meta.url)('sanitize-html/package.json') as { version: string })
  .version;

const PROBE: Article = parseArticle({
  id: 'content-rules-probe',
  url: 'https://probe.example/news/a/',
  headline: 'Probe',
  publishedAt: '2024-01-01T00:00:00Z',
  authors: [],
  tags: [],
  image: { url: 'https://probe.example/a.jpg', alt: 'A & "b"', caption: 'Caption', credit: 'Agency' },
  body: [
    '<p onclick="x()" lang="en">Text <a href="../b/?x=1&y=2" title="t">link</a> <a href="javascript:x()">js</a></p>',
    '<script>x()</script><style>p{}</style><img src="/c.png" alt="c" onerror="x()">',
    '<iframe src="https://www.youtube.com/embed/abcdefghijk" title="Clip"></iframe>',
    '<iframe src="https://player.vimeo.com/video/123"></iframe><iframe src="http://evil.example/e"></iframe>',
    '<blockquote cite="/q">Q</blockquote><table><tr><td colspan="2">t</td></tr></table><del datetime="2024">d</del>',
  ].join('\n'),
});

export interface FeedContentOptions {
  /** Hosts whose embeds become links (SYNDICARD_EMBED_HOSTS); the defaults when left out. */
  embedHosts?: readonly string[];
  /** The site's language: labels the photo credit of articles that name no language of their own. */
  language: string;
}

/** Rules already made, by their options: the probe costs a sanitising pass, and builds ask for the rules each time. */
const made = new Map<string, ContentRules>();

export function feedContentRules(options: FeedContentOptions): ContentRules {
  const key = JSON.stringify([options.embedHosts ?? null, options.language]);
  let rules = made.get(key);
  if (!rules) {
    rules = makeRules(options);
    // Settings are fixed per process; the bound only guards against a caller making rules per request.
    if (made.size >= 100) made.clear();
    made.set(key, rules);
  }
  return rules;
}

function makeRules(options: FeedContentOptions): ContentRules {
  const embedHosts = options.embedHosts ?? DEFAULT_EMBED_HOSTS;
  const render = (article: Article) =>
    stripXmlIllegal(
      renderContentHtml(article.body, article.url, article.image, article.language ?? options.language, embedHosts),
    );
  const fingerprint = JSON.stringify({
    sanitizeHtml: SANITIZE_HTML_VERSION,
    embedHosts,
    language: options.language,
    probe: render(PROBE),
  });
  const version = `feed-html-${RULES_REVISION}-${createHash('sha256').update(fingerprint).digest('base64url').slice(0, 16)}`;
  return { version, render };
}
