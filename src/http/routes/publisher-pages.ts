import { fileURLToPath } from 'node:url';
import Router from '@koa/router';
import type { ArticleStore, Site, StoredArticle } from '../../articles/index.js';
import { type CardService, cardSpecForArticle } from '../../cards/index.js';
import { findArticle } from '../find-article.js';
import { html, type SafeHtml } from '../html.js';
import { type CardFacts, type Check, checkPlatforms, type PlatformReport } from '../platforms.js';
import { staticFiles } from '../static-files.js';
import { articleMetaFor } from './article-page.js';

export interface PublisherPagesDeps {
  store: ArticleStore;
  site: Site;
  cards: CardService;
  baseUrl: string;
}

/**
 * The service's own files for its pages (scripts and styles kept apart from the HTML, so the pages run under a
 * Content-Security-Policy without inline script). Read from src/http/assets in the checkout, from src/ and dist/
 * alike; nothing is fetched from elsewhere.
 */
const ASSETS_DIR = fileURLToPath(new URL('../../../src/http/assets/', import.meta.url));
const ASSETS: Readonly<Record<string, string>> = {
  'playground.js': 'text/javascript; charset=utf-8',
  'token-links.js': 'text/javascript; charset=utf-8',
  'api-docs.js': 'text/javascript; charset=utf-8',
  'syndicard.css': 'text/css; charset=utf-8',
};

/**
 * Pages for publishers: `/playground` (a live card editor over the authenticated API) and
 * `/articles/:id/preview` (how each platform will show the article, with a checklist of what it reads).
 */
export function publisherPageRoutes({ store, site, cards, baseUrl }: PublisherPagesDeps): Router {
  const router = new Router();
  const sendAsset = staticFiles(ASSETS_DIR, ASSETS, 'public, max-age=3600', (file) => `no asset "${file}"`);

  router.get('/assets/:file', (ctx) => sendAsset(ctx, ctx.params.file!));

  router.get('/playground', async (ctx) => {
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = playgroundPage(site).value;
  });

  router.get('/articles/:id/preview', async (ctx) => {
    const stored = await findArticle(store, ctx.params.id!);
    const meta = articleMetaFor(stored, { site, cards, baseUrl });
    const spec = cardSpecForArticle(stored.article, site);
    const card = await cards.render(spec, meta.imageFormat);
    // Loaded here, not at start: only this page reads image headers in this process, and sharp (libvips) costs a
    // server that never opens it ~20 MB resident (issue 11, memory).
    const { default: sharp } = await import('sharp');
    const { width = 0, height = 0 } = await sharp(card.bytes).metadata();
    const facts: CardFacts = {
      bytes: card.bytes.length,
      contentType: card.contentType,
      width,
      height,
      template: card.template,
    };
    const tags = new Map<string, string>();
    for (const tag of meta.tags) if (!tags.has(tag.key)) tags.set(tag.key, tag.content);
    // The article page writes theme-color from the site's accent (Discord colours its embed with it).
    tags.set('theme-color', site.theme.accent);
    const reports = checkPlatforms({
      tags,
      card: facts,
      hasPhoto: stored.article.image !== undefined,
      hasStandfirst: Boolean(stored.article.standfirst?.trim()),
      hasAuthors: stored.article.authors.length > 0,
    });
    ctx.type = 'text/html; charset=utf-8';
    // The card may change with the article; the page is cheap to make again.
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = previewPage(stored, tags, facts, reports, site).value;
  });

  return router;
}

function page(title: string, lang: string, body: SafeHtml, script?: string): SafeHtml {
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/syndicard.css">
${script ? html`<script src="/assets/${script}" defer></script>` : ''}
</head>
<body>
${body}
</body>
</html>
`;
}

function playgroundPage(site: Site): SafeHtml {
  return page(
    `Card playground · ${site.name}`,
    'en',
    html`<h1>Card playground</h1>
<p class="lede">Type and the card follows. Cards are drawn by this service through <code>POST /api/cards</code>, so the
API token is needed; it stays in this browser tab only.</p>
<div class="playground">
<form id="card-form" autocomplete="off">
<label for="token">API token</label>
<input id="token" name="token" type="password" placeholder="from DATA_DIR/api-token">
<label for="headline">Headline</label>
<textarea id="headline" name="headline" maxlength="300" dir="auto"></textarea>
<label for="credit">Photo credit</label>
<input id="credit" name="credit" dir="auto">
<label for="image">Photo URL</label>
<input id="image" name="image" type="url" placeholder="https://…/photo.jpg">
<label for="template">Template</label>
<select id="template" name="template"><option value="">automatic</option><option value="photo">photo</option><option value="plain">plain</option></select>
<label for="site">Site name</label>
<input id="site" name="site" placeholder="${site.name}" dir="auto">
<label for="language">Language</label>
<input id="language" name="language" placeholder="detected from the headline (ar, ja, zh-Hant, …)">
<fieldset><legend>Format</legend>
<label><input type="radio" name="format" value="png" checked> PNG</label>
<label><input type="radio" name="format" value="jpeg"> JPEG</label>
</fieldset>
<button type="button" id="copy-signed">Copy signed URL</button>
</form>
<div class="stage">
<img id="preview" alt="card preview" width="1200" height="630">
<output id="size" aria-live="polite"></output>
<p id="status" role="status"></p>
<input id="signed-url" readonly aria-label="signed card URL">
</div>
</div>`,
    'playground.js',
  );
}

function previewPage(
  stored: StoredArticle,
  tags: ReadonlyMap<string, string>,
  card: CardFacts,
  reports: PlatformReport[],
  site: Site,
): SafeHtml {
  const { article } = stored;
  const title = tags.get('og:title') ?? article.headline;
  const description = tags.get('og:description') ?? '';
  const imagePath = new URL(tags.get('og:image') ?? '', 'http://localhost').pathname;
  const domain = new URL(article.url).hostname;
  const siteName = tags.get('og:site_name') ?? site.name;
  const xTitle = tags.get('twitter:title') ?? title;
  const alt = tags.get('og:image:alt') ?? '';
  const img = html`<img src="${imagePath}" alt="${alt}">`;
  const date = article.publishedAt.slice(0, 10);
  const mocks: Record<string, SafeHtml> = {
    facebook: html`<div class="mock facebook">${img}<div class="foot"><div class="domain">${domain}</div><div class="title clamp2" dir="auto">${title}</div><div class="desc clamp1" dir="auto">${description}</div></div></div>`,
    x: html`<div class="mock x">${img}<span class="domain">${domain}</span></div><div class="x-title clamp1" dir="auto">${xTitle}</div>`,
    linkedin: html`<div class="mock linkedin">${img}<div class="foot"><div class="title clamp2" dir="auto">${title}</div><div class="domain">${domain}</div></div></div>`,
    slack: html`<div class="mock slack"><div class="site">${siteName}</div><div class="title" dir="auto">${title}</div><div class="desc clamp3" dir="auto">${description}</div>${img}</div>`,
    discord: html`<div class="mock discord"><div class="site">${siteName}</div><div class="title" dir="auto">${title}</div><div class="desc clamp3" dir="auto">${description}</div>${img}</div>`,
    whatsapp: html`<div class="mock whatsapp"><div class="preview">${img}<div class="text"><div class="title clamp2" dir="auto">${title}</div><div class="clamp2" dir="auto">${description}</div><div>${domain}</div></div></div><div class="link">${article.url}</div></div>`,
    imessage: html`<div class="mock imessage">${img}<div class="foot"><div class="title clamp2" dir="auto">${title}</div><div class="domain">${domain}</div></div></div>`,
    reader: html`<div class="mock reader">${article.image ? img : ''}<div><div class="title" dir="auto">${article.headline}</div><div class="meta">${site.name} · ${date}</div><div class="clamp3" dir="auto">${article.standfirst ?? description}</div></div></div>`,
  };
  const sections = reports.map((report) => {
    const counts = countChecks(report.checks);
    return html`<section class="platform" id="${report.id}" data-platform="${report.id}">
<h2>${report.name} <small>${counts}</small></h2>
<p class="lede">${report.shows}</p>
${mocks[report.id] ?? ''}
<ul class="checklist">${report.checks.map((c) => html`<li class="${c.status}" data-status="${c.status}">${c.text}</li>`)}</ul>
</section>`;
  });
  return page(
    `How “${article.headline}” will look · ${site.name}`,
    'en',
    html`<h1>How it will look when shared</h1>
<p class="lede"><a href="/articles/${encodeURIComponent(article.id)}">${article.headline}</a> · card ${card.width}×${card.height}, ${card.contentType}, ${Math.round(card.bytes / 1024)} KB, ${card.template} design. Mock-ups drawn from each platform's published sizes and crops; they are not the platforms' own screenshots.</p>
<div class="platforms">
${sections}
</div>`,
  );
}

function countChecks(checks: readonly Check[]): string {
  const n = (status: Check['status']) => checks.filter((c) => c.status === status).length;
  const parts = [`${n('pass')} ok`];
  if (n('warn')) parts.push(`${n('warn')} to look at`);
  if (n('fail')) parts.push(`${n('fail')} failing`);
  return parts.join(' · ');
}
