/**
 * Articles: the record as a newsroom writes it (record/), the store contract and what both stores share (store/),
 * and the two stores, SQLite (sqlite/) and PostgreSQL (postgres/). Other modules import this file, bar the few
 * files listed in tests/structure/structure.test.ts (DEEP_IMPORTS).
 */
export { CHANGE_CHANNEL, openPostgresStore, type PostgresStoreOptions } from './postgres/index.js';
// The record stage's whole surface is the module's: the record, the site settings and the rules on their text.
export * from './record/index.js';
export {
  createSqliteStore,
  ensureWritableDirectory,
  type SqliteStore,
  type SqliteStoreOptions,
} from './sqlite/index.js';
export {
  type ArchivePage,
  type ArchivePageQuery,
  type ArticleStore,
  type ContentRules,
  EMBEDDED_ID_AUTHORITY,
  type ImportResult,
  InvalidCursorError,
  idAuthorityFor,
  type ListPage,
  type PublishedContent,
  type PutResult,
  type Scope,
  type ScopeKind,
  STORE_RETRY_AFTER,
  type StoredArticle,
  type StoreFaultCode,
  type StoreState,
  StoreUnavailableError,
} from './store/index.js';
