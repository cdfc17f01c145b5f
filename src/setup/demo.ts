import { readFile } from 'node:fs/promises';
import type { ArticleStore } from '../articles/index.js';
import { parseArticle } from '../articles/index.js';

const DEMO_FILE = new URL('./demo-articles.json', import.meta.url);

/**
 * A few bundled articles so a fresh `npm start` has feeds and cards to look at. main.ts calls this only for a data
 * directory its own start created (never an existing store, even an empty one: a first import that failed must not
 * be topped up with demo records), and not with SYNDICARD_DEMO=0. Their photos are the bundled media (media/demo),
 * written in the file as paths and made absolute on the service's public URL, where `/media/…` serves them and the
 * card renderer reads them from disk.
 */
export async function loadDemoArticles(store: ArticleStore, baseUrl: string): Promise<number> {
  if ((await store.state()).count > 0) return 0;
  const records = JSON.parse(await readFile(DEMO_FILE, 'utf8')) as Array<{ image?: { url: string } }>;
  for (const record of records) {
    if (record.image) record.image.url = new URL(record.image.url, `${baseUrl}/`).href;
  }
  const result = await store.importMany(records.map((record) => parseArticle(record)));
  return result.created;
}
