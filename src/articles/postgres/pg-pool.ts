import pg from 'pg';
import { translate } from './pg-errors.js';

/** bigint (OID 20) columns hold milliseconds and counts, all well within 2^53: read them as numbers. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20 ? Number : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export function createPool(url: string, size: number, log: { warn(obj: object, msg?: string): void }): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: size,
    // A stopped server refuses at once; an unreachable one must not hold a request for long either.
    connectionTimeoutMillis: 3000,
    idleTimeoutMillis: 30_000,
    query_timeout: 30_000,
    keepAlive: true,
    application_name: 'syndicard',
    types,
  });
  // An idle pooled connection that the server closes emits here; unhandled, it would end the process.
  pool.on('error', (error) => log.warn({ err: error }, 'idle PostgreSQL connection lost'));
  return pool;
}

/**
 * Runs `work` on one checked-out connection, in a transaction opened with `begin` (committed after, rolled back on
 * failure). A connection that broke meanwhile is discarded, not returned to the pool; errors come out translated
 * (pg-errors.ts).
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  begin: string,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw translate(error);
  }
  let broken: Error | undefined;
  // A checked-out connection that the server cuts emits 'error' besides failing its query: without a listener that
  // would end the process (node-postgres docs, Pool: "checked out clients").
  const onError = (error: Error) => {
    broken = error;
  };
  client.on('error', onError);
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw translate(error);
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
