import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { pino } from 'pino';
import { type Article, parseArticle } from '../articles/index.js';
import { type CardFormat, type CardTemplate, cardSpecForArticle } from '../cards/index.js';
import type { Config } from '../config.js';
import { createCardsFromConfig } from '../setup/cards.js';
import { loadSite } from '../setup/site.js';
import { openStoreFromConfig } from '../setup/store.js';
import type { CliIo } from './import-command.js';

export interface CardOptions {
  output: string;
  format?: CardFormat;
  template?: CardTemplate;
}

/**
 * `syndicard card <article.json|id> -o card.png`: the same spec, fonts, photo loader and renderer as the server's
 * `/cards/:id.png`, so the file is byte-identical to what the server would serve.
 */
export async function runCard(
  source: string,
  options: CardOptions,
  config: Readonly<Config>,
  io: CliIo,
): Promise<number> {
  const log = pino({ level: 'warn' }, pino.destination(2));
  const article = await findArticle(source, config);
  const site = await loadSite(config.sitePath, config.baseUrl);
  const format = options.format ?? formatFromPath(options.output);
  const cards = await createCardsFromConfig(config, log, 1);
  try {
    const card = await cards.render(cardSpecForArticle(article, site, options.template), format);
    await writeFile(options.output, card.bytes);
    io.stdout.write(
      `${options.output}: ${card.width}×${card.height} ${format.toUpperCase()}, ${card.bytes.length} bytes, ${card.template} template\n`,
    );
  } finally {
    await cards.close();
  }
  return 0;
}

async function findArticle(source: string, config: Readonly<Config>): Promise<Article> {
  if (source.endsWith('.json') || existsSync(source)) {
    return parseArticle(JSON.parse(await readFile(source, 'utf8')));
  }
  const store = await openStoreFromConfig(config);
  try {
    const stored = await store.get(source);
    if (!stored) throw new Error(`no file "${source}" and no stored article with that id in ${config.dataDir}`);
    return stored.article;
  } finally {
    await store.close();
  }
}

function formatFromPath(path: string): CardFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.png') return 'png';
  if (ext === '.jpg' || ext === '.jpeg') return 'jpeg';
  throw new Error(`cannot tell the format from "${path}": name the output .png or .jpg, or pass --format`);
}
