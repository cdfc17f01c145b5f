import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ArticleInput, Site } from '../../src/articles/index.js';
import { parseSite } from '../../src/articles/index.js';
import { type Config, loadConfig } from '../../src/config.js';

/** The test fixtures, inside the repository (tests/fixtures): a fresh clone runs its tests with nothing beside it. */
export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));
export const HERO_JPG = `${FIXTURES_DIR}images/hero-1600x900.jpg`;
export const PORTRAIT_JPG = `${FIXTURES_DIR}images/portrait-800x1200.jpg`;

export const SEED_ARTICLE_TEXT = readFileSync(`${FIXTURES_DIR}articles/seed-article.json`, 'utf8');
const SEED_SITE_TEXT = readFileSync(`${FIXTURES_DIR}articles/seed-site.json`, 'utf8');

export const TEST_TOKEN = 'test-token-0123456789abcdef';

/** A fresh copy of the seed article (exactly as the newsroom wrote it) with any fields replaced. */
export function makeArticle(overrides: Partial<ArticleInput> & Record<string, unknown> = {}): ArticleInput {
  return { ...(JSON.parse(SEED_ARTICLE_TEXT) as ArticleInput), ...overrides };
}

export function makeSite(overrides: Record<string, unknown> = {}): Site {
  return parseSite({ ...JSON.parse(SEED_SITE_TEXT), ...overrides });
}

/** A config as main.ts would build it, from a literal environment: tests never touch process.env. */
export function makeConfig(env: Record<string, string> = {}): Readonly<Config> {
  return loadConfig({
    SYNDICARD_API_TOKENS: TEST_TOKEN,
    SYNDICARD_BASE_URL: 'https://feeds.example.test',
    SYNDICARD_DATA_DIR: '/nonexistent-data-dir',
    SYNDICARD_LOG_LEVEL: 'silent',
    ...env,
  });
}

/** A pinned, steppable clock. */
export function makeClock(start = '2026-01-02T03:04:05Z'): { now: () => Date; advance: (ms: number) => void } {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    advance: (ms) => {
      t += ms;
    },
  };
}
