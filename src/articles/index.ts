export { creditLabel, creditLine, hasCreditLabel } from './credit.js';
export { ensureWritableDirectory } from './directory.js';
export { dateTime, httpUrl, languageTag, preview } from './fields.js';
export { EMBEDDED_ID_AUTHORITY, idAuthorityFor } from './id-authority.js';
export { toIssues } from './issues.js';
export { jsonDepthOver, MAX_JSON_DEPTH } from './json-depth.js';
export { CHANGE_CHANNEL, openPostgresStore, type PostgresStoreOptions } from './postgres-store.js';
export {
  ARTICLE_ID,
  type Article,
  type ArticleAuthor,
  type ArticleImage,
  type ArticleInput,
  articleSchema,
  parseArticle,
} from './schema.js';
export { parseSite, type Site, type SiteInput, siteSchema, xHandle } from './site.js';
export { slugOf } from './slug.js';
export { createSqliteStore, type SqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
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
} from './store.js';
export { cleanStrings, stripXmlIllegal } from './text.js';
