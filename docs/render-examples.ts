/**
 * Renders the example cards shown in the README into docs/cards/, with the same service the server uses. The seed
 * article's photo host does not exist, so the fixture photo is handed to the service by an in-process loader.
 * Run: npx tsx docs/render-examples.ts
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArticle, parseSite } from '../src/articles/index.js';
import { type CardFormat, type CardSpec, cardSpecForArticle, createCardService } from '../src/cards/index.js';
import { FONTS_DIR } from '../src/setup/paths.js';

const fixture = (path: string) => fileURLToPath(new URL(`../tests/fixtures/${path}`, import.meta.url));
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

const seed = cardSpecForArticle(article, site);
const long: CardSpec = {
  ...seed,
  headline:
    `${'Ministers confirm the long-awaited review of regional rail fares will report before the summer recess, '.repeat(3)}`.slice(
      0,
      300,
    ),
};
const plain: CardSpec = { ...seed, template: 'plain', photoUrl: undefined, credit: undefined };
const examples: Array<[string, CardSpec, CardFormat]> = [
  ['seed.jpg', seed, 'jpeg'],
  ['long-headline.jpg', long, 'jpeg'],
  ['no-photo.png', plain, 'png'],
];
for (const [file, spec, format] of examples) {
  const card = await cards.render(spec, format);
  await writeFile(new URL(`./cards/${file}`, import.meta.url), card.bytes);
  console.log(`docs/cards/${file}: ${card.bytes.length} bytes, ${card.template}`);
}
await cards.close();
