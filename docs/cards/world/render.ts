/**
 * Renders the world card grid shown in the README (docs/cards/world/*.jpg): one photo card per language, with a
 * headline from the test corpus (tests/fixtures/world-headlines.json) and its `language`, by the same card service
 * the server uses. The photo is the fixture photo (tests/fixtures), handed over by an in-process loader (its host does not
 * exist). Cards are stored at half size (600×315 JPEG) to keep the repository small.
 * Run: npx tsx docs/cards/world/render.ts
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import type { CardSpec } from '../../../src/cards/index.js';
import { openExampleCards } from '../../example-cards.js';

/** Language → corpus headline shown for it. */
export const GRID: ReadonlyArray<[string, string, string]> = [
  ['ar', 'ar-basketball-score', 'Arabic'],
  ['fa', 'fa-samsung', 'Persian'],
  ['ur', 'ur-cricket', 'Urdu'],
  ['he', 'he-intel-percent', 'Hebrew'],
  ['hi', 'hi-cricket', 'Hindi'],
  ['mr', 'mr-mumbai-rain', 'Marathi'],
  ['ne', 'ne-earthquake', 'Nepali'],
  ['bn', 'bn-metro', 'Bengali'],
  ['ta', 'ta-chennai-rain', 'Tamil'],
  ['th', 'th-storm-warning', 'Thai'],
  ['zh-CN', 'zh-cn-gdp', 'Chinese (Simplified)'],
  ['zh-TW', 'zh-tw-typhoon', 'Chinese (Taiwan)'],
  ['zh-HK', 'zh-hk-mtr', 'Chinese (Hong Kong)'],
  ['ja', 'ja-tuition', 'Japanese'],
  ['ko', 'ko-transit-pass', 'Korean'],
  ['vi', 'vi-metro', 'Vietnamese'],
  ['el', 'el-heatwave', 'Greek'],
  ['ru', 'ru-metro', 'Russian'],
  ['en', 'en-emoji-zwj-family', 'English with emoji'],
  ['en', 'en-hebrew-name', 'English with a Hebrew name'],
];

const root = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
const corpus = JSON.parse(await readFile(root('tests/fixtures/world-headlines.json'), 'utf8')) as {
  headlines: { id: string; language: string; headline: string; credit?: string }[];
};

const { cards, seed } = await openExampleCards();
for (const [language, id] of GRID) {
  const entry = corpus.headlines.find((candidate) => candidate.id === id);
  if (!entry) throw new Error(`no headline ${id} in the corpus`);
  const spec: CardSpec = { ...seed, headline: entry.headline, credit: entry.credit ?? seed.credit, language };
  const card = await cards.render(spec, 'jpeg');
  const small = await sharp(card.bytes).resize(600, 315).jpeg({ quality: 82, mozjpeg: true }).toBuffer();
  const file = `${id}.jpg`;
  await writeFile(new URL(`./${file}`, import.meta.url), small);
  console.log(`docs/cards/world/${file}: ${small.length} bytes (${card.template}, full size ${card.bytes.length})`);
}
await cards.close();
