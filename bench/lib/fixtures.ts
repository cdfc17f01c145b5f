import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Article, parseArticle, parseSite, type Site } from '../../src/articles/index.js';

/** The project root, and the fixtures the tests use too (tests/fixtures, inside the repository). */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const FIXTURES_DIR = fileURLToPath(new URL('../../tests/fixtures/', import.meta.url));
export const HERO_JPG = `${FIXTURES_DIR}images/hero-1600x900.jpg`;
export const RESULTS_FILE = fileURLToPath(new URL('../results/latest.json', import.meta.url));

export interface SeedRecords {
  /** The seed article as the store holds it, its hero image pointed at `photoUrl`. */
  article: Article;
  site: Site;
  heroBytes: Buffer;
}

export async function loadSeed(photoUrl: string): Promise<SeedRecords> {
  const [articleText, siteText, heroBytes] = await Promise.all([
    readFile(`${FIXTURES_DIR}articles/seed-article.json`, 'utf8'),
    readFile(`${FIXTURES_DIR}articles/seed-site.json`, 'utf8'),
    readFile(HERO_JPG),
  ]);
  const raw = JSON.parse(articleText) as Record<string, unknown> & { image: Record<string, unknown> };
  const article = parseArticle({ ...raw, image: { ...raw.image, url: photoUrl } });
  return { article, site: parseSite(JSON.parse(siteText)), heroBytes };
}

/**
 * The seed article with a headline no earlier iteration used: a new content key, so no cache can answer. The
 * counter replaces the headline's tail rather than lengthening it, so every variant lays out alike.
 */
export function variantOf(article: Article, i: number, tag = ''): Article {
  const suffix = ` ${tag}${i}`;
  return { ...article, headline: article.headline.slice(0, article.headline.length - suffix.length) + suffix };
}

/** `n` distinct articles for the feed benchmarks: ids, dates and headlines differ, the rest is the seed's. */
export function feedArticles(article: Article, n: number): Article[] {
  const start = Date.parse('2023-04-14T07:15:00Z');
  return Array.from({ length: n }, (_, i) => {
    const published = new Date(start - i * 3_600_000).toISOString();
    const id = `bench-${String(i).padStart(4, '0')}`;
    const url = new URL(`/news/${id}/`, article.url).href;
    return parseArticle({ ...variantOf(article, i, 'f'), id, url, publishedAt: published, updatedAt: published });
  });
}
