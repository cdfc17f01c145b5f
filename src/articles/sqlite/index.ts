/**
 * The SQLite store, the default: one file under the data directory. Start-up's checks of that file
 * (sqlite-open.ts) and `syndicard check` (sqlite-check.ts) import their files directly, not through here: they
 * are no store operation (tests/structure/structure.test.ts, DEEP_IMPORTS).
 */
export { ensureWritableDirectory } from './directory.js';
export { createSqliteStore, type SqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
