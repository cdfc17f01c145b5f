import { afterAll } from 'vitest';
import { openPostgresStore } from '../../src/articles/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';
import { describeArchiveContract } from './archive-contract.js';

// The archive half of the store contract on PostgreSQL: each fresh store gets a database of its own.
const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const db of databases.splice(0)) await db.drop();
});

describeArchiveContract('PostgreSQL', async () => {
  const db = await createTestDatabase();
  databases.push(db);
  return openPostgresStore({ url: db.url, poolSize: 2 });
});
