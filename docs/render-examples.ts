/**
 * Renders the example cards shown in the README into docs/cards/, with the same service the server uses. The seed
 * article's photo host does not exist, so the fixture photo is handed to the service by an in-process loader.
 * Run: npx tsx docs/render-examples.ts
 */
import { writeFile } from 'node:fs/promises';
import type { CardFormat, CardSpec } from '../src/cards/index.js';
import { openExampleCards } from './example-cards.js';

const { cards, seed } = await openExampleCards();
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
