import { ARTICLE_ID, type ArticleStore, type StoredArticle } from '../articles/index.js';
import { httpError } from './http-error.js';

/** The stored article a public path names, or 404: an id that cannot be one of ours is not looked up at all. */
export async function findArticle(store: ArticleStore, id: string): Promise<StoredArticle> {
  const stored = ARTICLE_ID.test(id) ? await store.get(id) : undefined;
  if (!stored) throw httpError(404, 'ARTICLE_NOT_FOUND', `article "${id.slice(0, 80)}" not found`);
  return stored;
}
