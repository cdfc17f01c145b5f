export { CHANGE_CHANNEL, openPostgresStore, type PostgresStoreOptions } from './postgres/postgres-store.js';
export { creditLabel, creditLine, hasCreditLabel } from './record/credit.js';
export { dateTime, httpUrl, languageTag, preview } from './record/fields.js';
export { toIssues } from './record/issues.js';
export { jsonDepthOver, MAX_JSON_DEPTH } from './record/json-depth.js';
export {
  ARTICLE_ID,
  type Article,
  type ArticleAuthor,
  type ArticleImage,
  type ArticleInput,
  articleSchema,
  parseArticle,
} from './record/schema.js';
export { parseSite, type Site, type SiteInput, siteSchema, xHandle } from './record/site.js';
export { slugOf } from './record/slug.js';
export { cleanStrings, stripXmlIllegal } from './record/text.js';
export { ensureWritableDirectory } from './sqlite/directory.js';
export { createSqliteStore, type SqliteStore, type SqliteStoreOptions } from './sqlite/sqlite-store.js';
export { EMBEDDED_ID_AUTHORITY, idAuthorityFor } from './store/id-authority.js';
export {
  type ArchivePage,
  type ArchivePageQuery,
  type ArticleStore,
  type ContentRules,
  type ImportResult,
  InvalidCursorError,
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
} from './store/store.js';
