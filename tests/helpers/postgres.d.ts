import pg from 'pg';
/**
 * The machine's PostgreSQL (127.0.0.1:5432, trust auth), shared with other test runs: every test works in a database
 * of its own, made here with a unique name and dropped afterwards. SYNDICARD_TEST_POSTGRES points elsewhere.
 */
export declare const ADMIN_URL: string;
export interface TestDatabase {
    url: string;
    name: string;
    /** Runs SQL on the database as the admin user (for assertions on what is stored). */
    query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
    drop(): Promise<void>;
}
export declare function createTestDatabase(adminUrl?: string): Promise<TestDatabase>;
export declare function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T>;
