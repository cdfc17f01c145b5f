import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The machine's PostgreSQL (127.0.0.1:5432, trust auth), shared with other test runs: every test works in a database
 * of its own, made here with a unique name and dropped afterwards. SYNDICARD_TEST_POSTGRES points elsewhere.
 */
export const ADMIN_URL = process.env.SYNDICARD_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  url: string;
  name: string;
  /** Runs SQL on the database as the admin user (for assertions on what is stored). */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
  drop(): Promise<void>;
}

export async function createTestDatabase(adminUrl = ADMIN_URL): Promise<TestDatabase> {
  const name = `syndicard_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.href, max: 2 });
  pool.on('error', () => undefined);
  return {
    url: url.href,
    name,
    query: (sql, values) => pool.query(sql, values),
    async drop() {
      await pool.end();
      // FORCE (PostgreSQL 13+) ends connections a failed test may have left open.
      await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
