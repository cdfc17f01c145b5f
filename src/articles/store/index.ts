/**
 * The store contract (store.ts: what feeds, cards and HTTP see) and what the SQLite and PostgreSQL stores compute
 * alike, so their answers agree: rows and cursors, content versions and scopes, published HTML, the `tag:` authority.
 */
export {
  type ArticleKeyRow,
  type ArticleRow,
  COLUMNS,
  createRowMapper,
  decodeCursor,
  encodeCursor,
  KEY_COLUMNS,
} from './article-rows.js';
export { EMBEDDED_ID_AUTHORITY, idAuthorityFor } from './id-authority.js';
export { type PublishedUpdate, publishedColumns, REFRESH_BATCH, type StaleRow, toUpdates } from './published.js';
// The contract: every export of store.ts.
export * from './store.js';
export { checkArchiveQuery, scopeNames, serialise } from './store-rows.js';
