import Router from '@koa/router';
import type { ArticleStore, Site } from '../../articles/index.js';
import { creditLine } from '../../cards/index.js';
import { FEED_CONTENT_TYPES, FEED_FILE, FEED_FORMATS } from '../../feeds/index.js';
import { html } from '../html.js';

export interface HomeDeps {
  store: ArticleStore;
  site: Site;
  baseUrl: string;
}

const FEED_TITLES = { rss: 'RSS 2.0', atom: 'Atom 1.0', json: 'JSON Feed 1.1' } as const;

/** `/` lists the latest articles with feed autodiscovery (RSS Board's autodiscovery spec); robots.txt. */
export function homeRoutes({ store, site, baseUrl }: HomeDeps): Router {
  const router = new Router();

  router.get('/', async (ctx) => {
    const latest = await store.latest({ limit: 50 });
    const feedLinks = FEED_FORMATS.map(
      (format) =>
        html`<link rel="alternate" type="${FEED_CONTENT_TYPES[format].split(';')[0]}" title="${site.name} (${FEED_TITLES[format]})" href="${baseUrl}/${FEED_FILE[format]}">`,
    );
    // Each article with its card, as a share would show it (the card's alt text is the headline it draws).
    const items = latest.map(({ article }) => {
      const id = encodeURIComponent(article.id);
      const line = creditLine(article.image?.credit, article.language);
      const credit = line ? html` · <span class="credit">${line}</span>` : '';
      return html`<li><a href="/articles/${id}"><img src="/cards/${id}.jpg" width="600" height="315" loading="lazy" alt="${article.headline}"></a><br><a href="/articles/${id}">${article.headline}</a> <small>${article.section ?? ''} · <time datetime="${article.publishedAt}">${article.publishedAt.slice(0, 10)}</time>${credit} · <a href="/cards/${id}.png">card</a> · <a href="${article.url}">original</a><span data-token-only hidden> · <a href="/articles/${id}/preview">preview</a></span></small></li>`;
    });
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = html`<!doctype html>
<html lang="${site.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${site.name}</title>
${feedLinks}
<script src="/assets/token-links.js" defer></script>
</head>
<body>
<h1>${site.name}</h1>
${site.description ? html`<p>${site.description}</p>` : ''}
<p>Feeds: ${FEED_FORMATS.map((f) => html`<a href="/${FEED_FILE[f]}">${FEED_TITLES[f]}</a> `)}</p>
<p>Publishers: <a href="/playground">card playground</a></p>
<ol>
${items}
</ol>
${latest.length === 0 ? html`<p>No articles yet: PUT one to /api/articles/:id.</p>` : ''}
</body>
</html>
`.value;
  });

  // Scrapers (X, Facebook) obey robots.txt for images too: card paths must stay fetchable.
  router.get('/robots.txt', async (ctx) => {
    ctx.type = 'text/plain; charset=utf-8';
    ctx.set('Cache-Control', 'public, max-age=86400');
    ctx.body = 'User-agent: *\nAllow: /cards/\nAllow: /og.png\nAllow: /og.jpg\nAllow: /articles/\nDisallow: /api/\n';
  });

  return router;
}
