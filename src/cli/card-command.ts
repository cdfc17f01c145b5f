import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Article } from '../articles/index.js';
// By file, not through articles/index.js, which also loads both stores (pg, better-sqlite3): a card from a record file
// needs neither, and every module loaded is paid on each cold start (issue 11). The store is loaded for an id only.
import { parseArticle } from '../articles/record/schema.js';
import { type CardFormat, type CardServiceLog, type CardTemplate, cardSpecForArticle } from '../cards/index.js';
import type { Config } from '../config.js';
import { createCardsFromConfig } from '../setup/cards.js';
import { loadSite } from '../setup/site.js';
import type { CliIo } from './import-command.js';
import { checkLanguageOption } from './language-option.js';

export interface CardOptions {
  output: string;
  format?: CardFormat;
  template?: CardTemplate;
  /** BCP 47 language of the card, instead of the article's (or the site's). */
  lang?: string;
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
  checkLanguageOption(options.lang);
  // Everything that can fail is checked before anything is opened or written: a mistake leaves no files behind.
  const format = options.format ?? formatFromPath(options.output);
  const article = await findArticle(source, config);
  const site = await loadSite(config.sitePath, config.baseUrl);
  // One card from a cold start, drawn in this process by the composer the server's render workers run (no worker
  // process to start and wait for: issue 11, docs/performance.md), so the bytes are the server's.
  const cards = await createCardsFromConfig(config, terminalLog(io), { workers: 0, diskCache: false });
  try {
    const spec = cardSpecForArticle(article, site, options.template);
    if (options.lang) spec.language = options.lang;
    const card = await cards.render(spec, format);
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
  const path = join(config.dataDir, 'syndicard.db');
  // Opening a SQLite store creates it: look first, so a mistyped id leaves no empty database in the current folder.
  if (!config.database.url && !existsSync(path)) {
    throw new Error(
      `no file "${source}", and no store to look the id up in: ${path} does not exist (SYNDICARD_DATA_DIR is ${config.dataDir})`,
    );
  }
  const { openStoreFromConfig } = await import('../setup/store.js');
  const store = await openStoreFromConfig(config);
  try {
    const stored = await store.get(source);
    if (!stored)
      throw new Error(
        `no file "${source}" and no stored article with that id in ${config.database.url ? 'the PostgreSQL store' : path}`,
      );
    return stored.article;
  } finally {
    await store.close();
  }
}

/**
 * Warnings and errors as one plain line each on standard error (a person reads them), not the server's JSON log
 * lines; no logger library to load on a cold start.
 */
function terminalLog(io: CliIo): CardServiceLog {
  const line = (kind: string) => (obj: object, msg?: string) =>
    io.stderr.write(`syndicard: ${kind}: ${msg ?? JSON.stringify(obj)}\n`);
  return { warn: line('warning'), error: line('error') };
}

function formatFromPath(path: string): CardFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.png') return 'png';
  if (ext === '.jpg' || ext === '.jpeg') return 'jpeg';
  throw new Error(`cannot tell the format from "${path}": name the output .png or .jpg, or pass --format`);
}
