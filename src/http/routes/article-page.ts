import Router from '@koa/router';
import type { ArticleStore, Site, StoredArticle } from '../../articles/index.js';
import { type CardFormat, type CardService, cardSpecForArticle, languageDirection } from '../../cards/index.js';
import { FEED_CONTENT_TYPES, FEED_FILE, FEED_FORMATS, sanitizeBody } from '../../feeds/index.js';
import { findArticle } from '../find-article.js';
import { html, jsonForScript, SafeHtml } from '../html.js';
import { type ArticleMeta, buildArticleMeta } from '../meta-tags.js';
import { bearerAuth } from '../middleware/bearer-auth.js';

export interface ArticlePageDeps {
  store: ArticleStore;
  site: Site;
  cards: CardService;
  baseUrl: string;
  tokens: readonly string[];
  /** Hosts whose embeds the page keeps as frames (SYNDICARD_EMBED_HOSTS; the page's CSP frame-src). */
  embedHosts: readonly string[];
}

/**
 * `GET /articles/:id`: a page whose <head> starts with the Open Graph and X tags (scrapers read only the first part
 * of a page), then canonical, feed autodiscovery and JSON-LD. `GET /api/articles/:id/meta` gives the same tags as
 * JSON for publishers who template their own pages.
 */
export function articlePageRoutes({ store, site, cards, baseUrl, tokens, embedHosts }: ArticlePageDeps): Router {
  const router = new Router();

  const metaFor = (stored: StoredArticle): ArticleMeta => articleMetaFor(stored, { site, cards, baseUrl });

  router.get('/articles/:id', async (ctx) => {
    const stored = await findArticle(store, ctx.params.id!);
    const meta = metaFor(stored);
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = renderPage(stored, meta, site, baseUrl, embedHosts);
  });

  router.get('/api/articles/:id/meta', bearerAuth(tokens), async (ctx) => {
    const meta = metaFor(await findArticle(store, ctx.params.id!));
    ctx.body = meta;
  });

  return router;
}

/** The page's tags for an article, pointing og:image at its versioned card (also read by the preview page). */
export function articleMetaFor(
  stored: StoredArticle,
  { site, cards, baseUrl }: { site: Site; cards: CardService; baseUrl: string },
): ArticleMeta & { imageFormat: CardFormat } {
  const spec = cardSpecForArticle(stored.article, site);
  // Photo cards as JPEG (a photo PNG passes 1 MB; WhatsApp wants ~300 KB), text cards as crisp PNG.
  const format: CardFormat = spec.template === 'photo' ? 'jpeg' : 'png';
  const imageUrl = `${baseUrl}/cards/${encodeURIComponent(stored.article.id)}/${cards.version(spec)}.${format === 'jpeg' ? 'jpg' : 'png'}`;
  // A photo that cannot be drawn until the record changes makes the versioned URL a text card (routes/cards.ts).
  const cardTemplate = cards.photoFailure(spec)?.permanent ? 'plain' : spec.template;
  return { ...buildArticleMeta({ stored, site, imageUrl, imageFormat: format, cardTemplate }), imageFormat: format };
}

function renderPage(
  stored: StoredArticle,
  meta: ArticleMeta,
  site: Site,
  baseUrl: string,
  embedHosts: readonly string[],
): string {
  const { article } = stored;
  const lang = article.language ?? site.language;
  // The page's direction follows its language (HTML's dir attribute; bidi of mixed text is then the browser's).
  const dir = languageDirection(lang) ?? 'ltr';
  const feedLinks = FEED_FORMATS.map(
    (format) =>
      html`<link rel="alternate" type="${FEED_CONTENT_TYPES[format].split(';')[0]}" title="${site.name}" href="${baseUrl}/${FEED_FILE[format]}">`,
  );
  const byline = article.authors.map((a) => (a.role ? `${a.name}, ${a.role}` : a.name)).join(' · ');
  return html`<!doctype html>
<html lang="${lang}" dir="${dir}" prefix="og: https://ogp.me/ns# article: https://ogp.me/ns/article#">
<head>
<meta charset="utf-8">
${meta.tags.map((tag) => html`<meta ${tag.attribute}="${tag.key}" content="${tag.content}">\n`)}<title>${meta.title}</title>
<meta name="description" content="${meta.description}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="theme-color" content="${site.theme.accent}">
<link rel="canonical" href="${meta.canonical}">
${feedLinks}
<script type="application/ld+json">${jsonForScript(meta.jsonLd)}</script>
<script src="/assets/token-links.js" defer></script>
</head>
<body>
<article>
<p><a href="${site.url}">${site.name}</a>${article.section ? html` · ${article.section}` : ''}</p>
<h1>${article.headline}</h1>
${article.standfirst ? html`<p><strong>${article.standfirst}</strong></p>` : ''}
${byline ? html`<p>By ${byline} · <time datetime="${article.publishedAt}">${article.publishedAt}</time></p>` : ''}
<p><a href="${article.url}">Read the article on ${site.name}</a></p>
<p data-token-only hidden><a href="/articles/${encodeURIComponent(article.id)}/preview">How it will look when shared</a> · <a href="/playground">Card playground</a></p>
${new SafeHtml(sanitizeBody(article.body, article.url, { hosts: embedHosts, mode: 'frame' }))}
</article>
</body>
</html>
`.value;
}
