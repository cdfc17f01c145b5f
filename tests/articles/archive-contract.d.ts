import { type ArticleStore } from '../../src/articles/index.js';
/**
 * The archive half of the store contract (`count`, `archivePage`), written once and run against every store:
 * archive.test.ts runs it on SQLite, and a PostgreSQL store calls `describeArchiveContract` with its own factory.
 * The factory returns a fresh, empty store; it is closed after each test.
 */
export type OpenStore = () => Promise<ArticleStore>;
export declare function describeArchiveContract(label: string, open: OpenStore): void;
