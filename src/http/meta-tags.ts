import sanitizeHtml from 'sanitize-html';
import type { Site, StoredArticle } from '../articles/index.js';
import { xHandle } from '../articles/index.js';
import { CARD_HEIGHT, CARD_WIDTH, type CardFormat, CONTENT_TYPES } from '../cards/index.js';
import { ogLocale } from './og-locale.js';

/**
 * The tags social platforms read from an article page (Open Graph, https://ogp.me; X Cards; Facebook's article:*),
 * in the order they should appear: og:* first, since Slack and Facebook read only the start of a page.
 */
export interface MetaTag {
  /** `property` for og:/article: (RDFa, as ogp.me writes them), `name` for twitter:. */
  attribute: 'property' | 'name';
  key: string;
  content: string;
}

export interface ArticleMeta {
  tags: MetaTag[];
  canonical: string;
  title: string;
  description: string;
  jsonLd: Record<string, unknown>;
}

export interface ArticleMetaInput {
  stored: StoredArticle;
  site: Site;
  /** Absolute URL of the versioned card image. */
  imageUrl: string;
  imageFormat: CardFormat;
  /** What the card at imageUrl shows: `plain` (text) when the article's photo cannot be drawn; og:image:alt says so. */
  cardTemplate?: 'photo' | 'plain';
}

/** X truncates image alt text past 420 characters. */
const X_ALT_LIMIT = 420;
const DESCRIPTION_LIMIT = 300;

export function buildArticleMeta(input: ArticleMetaInput): ArticleMeta {
  const { stored, site, imageUrl, imageFormat } = input;
  const { article } = stored;
  const description = describe(article.standfirst, article.body);
  // The photo's own description on a photo card; on a text card (no photo, or one that cannot be drawn) the headline
  // it shows.
  const photoAlt = input.cardTemplate === 'plain' ? undefined : article.image?.alt?.trim();
  const alt = truncate(photoAlt || article.headline, X_ALT_LIMIT);
  const updated = article.updatedAt ?? article.publishedAt;
  const og = (key: string, content: string): MetaTag => ({ attribute: 'property', key, content });
  const tw = (key: string, content: string): MetaTag => ({ attribute: 'name', key, content });
  const handle = xHandle(site);

  const tags: MetaTag[] = [
    og('og:title', article.headline),
    og('og:description', description),
    og('og:type', 'article'),
    og('og:url', article.url),
    og('og:site_name', site.name),
    og('og:locale', ogLocale(article.language ?? site.language)),
    og('og:image', imageUrl),
    ...(imageUrl.startsWith('https:') ? [og('og:image:secure_url', imageUrl)] : []),
    og('og:image:type', CONTENT_TYPES[imageFormat]),
    og('og:image:width', String(CARD_WIDTH)),
    og('og:image:height', String(CARD_HEIGHT)),
    og('og:image:alt', alt),
    og('article:published_time', article.publishedAt),
    og('article:modified_time', updated),
    ...article.authors.map((author) => og('article:author', author.url ?? author.name)),
    ...(article.section ? [og('article:section', article.section)] : []),
    ...article.tags.map((tag) => og('article:tag', tag)),
    tw('twitter:card', 'summary_large_image'),
    tw('twitter:title', article.headline),
    tw('twitter:description', description),
    tw('twitter:image', imageUrl),
    tw('twitter:image:alt', alt),
    ...(handle ? [tw('twitter:site', `@${handle}`)] : []),
  ];

  const jsonLd: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.headline,
    description,
    url: article.url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': article.url },
    image: [imageUrl, ...(article.image ? [article.image.url] : [])],
    datePublished: article.publishedAt,
    dateModified: updated,
    inLanguage: article.language ?? site.language,
    author: article.authors.map((author) => ({
      '@type': 'Person',
      name: author.name,
      ...(author.url ? { url: author.url } : {}),
      ...(author.role ? { jobTitle: author.role } : {}),
    })),
    publisher: {
      '@type': 'Organization',
      name: site.name,
      url: site.url,
      ...(site.logo ? { logo: { '@type': 'ImageObject', url: site.logo } } : {}),
    },
    ...(article.section ? { articleSection: article.section } : {}),
    ...(article.tags.length ? { keywords: article.tags.join(', ') } : {}),
  };

  return { tags, canonical: article.url, title: article.headline, description, jsonLd };
}

function describe(standfirst: string | undefined, body: string): string {
  const text =
    standfirst?.trim() || sanitizeHtml(body, { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, ' ').trim();
  return truncate(decodeEntities(text), DESCRIPTION_LIMIT);
}

/** sanitize-html leaves text HTML-escaped; meta content is escaped again when written. */
function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}
