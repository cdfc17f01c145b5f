import { createHash } from 'node:crypto';
import { type Article, slugOf } from '../record/index.js';
import type { ArchivePageQuery, ScopeKind } from './store.js';

/**
 * What every store computes the same way (row mapping and cursors are in article-rows.ts, shared too): the record's
 * content version, the scopes an article belongs to, and the archive query's bounds. One copy keeps the stores'
 * answers identical; tests/articles/store-contract.test.ts runs the same tests against each.
 */

/** The record as stored and its content version: changes exactly when something in the record changes. */
export function serialise(article: Article): { record: string; version: string } {
  const record = JSON.stringify(article);
  return { record, version: createHash('sha256').update(record).digest('base64url').slice(0, 22) };
}

export function scopeNames(article: Article): Array<[ScopeKind, string]> {
  const out: Array<[ScopeKind, string]> = [];
  if (article.section) out.push(['section', article.section]);
  for (const author of article.authors) out.push(['author', author.name]);
  for (const tag of article.tags) out.push(['tag', tag]);
  return out.filter(([, name]) => slugOf(name) !== '');
}

export function checkArchiveQuery({ size, index, keepNewest }: ArchivePageQuery): void {
  const ok = (n: number, min: number) => Number.isSafeInteger(n) && n >= min;
  if (!ok(size, 1) || !ok(index, 0) || !ok(keepNewest, 0)) {
    throw new RangeError(
      `archivePage expects whole numbers size >= 1, index >= 0, keepNewest >= 0; got ${size}, ${index}, ${keepNewest}`,
    );
  }
}
