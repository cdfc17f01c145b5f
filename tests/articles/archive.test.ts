import { createSqliteStore } from '../../src/articles/index.js';
import { describeArchiveContract } from './archive-contract.js';

describeArchiveContract('SQLite', async () => createSqliteStore({ path: ':memory:' }));
