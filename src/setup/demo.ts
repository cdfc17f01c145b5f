import { readFile } from 'node:fs/promises';
import type { ArticleStore } from '../articles/index.js';
import { parseArticle } from '../articles/index.js';

const DEMO_FILE = new URL('./demo-articles.json', import.meta.url);

/**
 * A few bundled articles so a fresh `npm start` has feeds and cards to look at. Loaded only into an empty store
 * (a publisher's own articles are never mixed with them after the first write), and off with SYNDICARD_DEMO=0.
 */
export async function loadDemoArticles(store: ArticleStore): Promise<number> {
  if ((await store.state()).count > 0) return 0;
  const records = JSON.parse(await readFile(DEMO_FILE, 'utf8')) as unknown[];
  const result = await store.importMany(records.map((record) => parseArticle(record)));
  return result.created;
}
