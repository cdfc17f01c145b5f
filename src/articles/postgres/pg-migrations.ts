import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClientBase } from 'pg';
import { AppError } from '../../errors.js';

/** The SQL files beside this module (copied to dist/articles/postgres/migrations by `npm run build`). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationReport {
  /** Versions applied by this run, in order (empty when the database was up to date). */
  applied: number[];
  /** The schema version afterwards. */
  version: number;
}

/** Any constant: the advisory lock that keeps two instances starting at once from migrating together. */
const MIGRATION_LOCK = 0x5359_4e44;

/** Reads `NNN_name.sql` files, in version order; a gap or a repeated version is a packaging mistake. */
export async function readMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = /^(\d+)_([\w-]+)\.sql$/.exec(file);
    if (!match) throw migrationError(`migration file "${file}" is not named NNN_name.sql`);
    const version = Number(match[1]);
    if (version !== migrations.length + 1) {
      throw migrationError(`migration "${file}" should have version ${migrations.length + 1}, got ${version}`);
    }
    const sql = await readFile(join(dir, file), 'utf8');
    migrations.push({ version, name: match[2]!, sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  return migrations;
}

/**
 * Brings the schema up to date, at start, on one connection: each migration runs in its own transaction together
 * with its row in `schema_migrations`, so one that fails or is interrupted (the connection dropped, the server
 * stopped) leaves nothing behind and is simply run again next time. A session advisory lock makes instances that
 * start together take turns; the second finds nothing left to do.
 */
export async function migrate(client: ClientBase, migrations: readonly Migration[]): Promise<MigrationReport> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number; name: string; checksum: string }>(
      'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
    );
    const known = new Map(migrations.map((m) => [m.version, m]));
    for (const row of rows) {
      const migration = known.get(row.version);
      if (!migration) {
        throw migrationError(
          `the database has schema version ${row.version} ("${row.name}"), newer than this syndicard knows ` +
            `(${migrations.length}); run the newer release`,
        );
      }
      if (migration.checksum !== row.checksum) {
        throw migrationError(
          `migration ${row.version} ("${row.name}") was changed after it was applied: expected checksum ` +
            `${row.checksum.slice(0, 12)}…, got ${migration.checksum.slice(0, 12)}…`,
        );
      }
    }
    const applied: number[] = [];
    for (const migration of migrations) {
      if (rows.some((row) => row.version === migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
          migration.version,
          migration.name,
          migration.checksum,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw migrationError(
          `migration ${migration.version} ("${migration.name}") failed and was rolled back: ${(error as Error).message}`,
          error,
        );
      }
      applied.push(migration.version);
    }
    return { applied, version: migrations.length };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
  }
}

function migrationError(message: string, cause?: unknown): AppError {
  return new AppError('STORE_MIGRATION_FAILED', message, cause ? { cause } : {});
}
