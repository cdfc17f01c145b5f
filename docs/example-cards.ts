/**
 * The card service as the doc scripts use it (docs/render-examples.ts, docs/cards/world/render.ts): the server's own
 * service with the fixture photo handed over by an in-process loader (the seed article's photo host does not exist),
 * and the seed article's card spec to vary.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArticle, parseSite } from '../src/articles/index.js';
import { type CardService, type CardSpec, cardSpecForArticle, createCardService } from '../src/cards/index.js';
import { FONTS_DIR } from '../src/setup/paths.js';

/** A file under tests/fixtures/. */
export const fixture = (path: string) => fileURLToPath(new URL(`../tests/fixtures/${path}`, import.meta.url));

export async function openExampleCards(): Promise<{ cards: CardService; seed: CardSpec }> {
  const hero = await readFile(fixture('images/hero-1600x900.jpg'));
  const article = parseArticle(JSON.parse(await readFile(fixture('articles/seed-article.json'), 'utf8')));
  const site = parseSite(JSON.parse(await readFile(fixture('articles/seed-site.json'), 'utf8')));
  const cards = await createCardService({
    fontsDir: FONTS_DIR,
    imageLoader: {
      load: async (url) => ({
        url,
        bytes: hero,
        type: 'jpeg',
        mime: 'image/jpeg',
        sha256: createHash('sha256').update(hero).digest('hex'),
      }),
    },
    cacheMaxBytes: 64 * 1_048_576,
    workers: 1,
    log: console,
  });
  return { cards, seed: cardSpecForArticle(article, site) };
}
