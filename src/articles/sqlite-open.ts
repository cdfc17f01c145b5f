import { AppError } from '../errors.js';
import { createSqliteStore, type SqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
import { StoreUnavailableError } from './store.js';

export interface OpenSqliteStoreOptions extends SqliteStoreOptions {
  /** Names the setting behind the file in messages (SYNDICARD_DATA_DIR). */
  setting?: string;
}

/**
 * Opens the store for a long-running process (the server) and refuses a store it could not serve from: a file
 * that cannot be opened, or cannot be written (read-only file, directory or file system), stops start-up with a
 * message naming the file and the cause, instead of a server that starts "healthy" and answers every write 500.
 */
export async function openSqliteStore(options: OpenSqliteStoreOptions): Promise<SqliteStore> {
  const { path } = options;
  let store: SqliteStore;
  try {
    store = createSqliteStore(options);
  } catch (err) {
    throw refusal(path, err);
  }
  try {
    await store.probe();
  } catch (err) {
    await store.close();
    throw refusal(path, err);
  }
  return store;
}

function refusal(path: string, err: unknown): AppError {
  if (err instanceof AppError && !(err instanceof StoreUnavailableError)) return err;
  const code = (err as { code?: unknown }).code;
  const cause = err instanceof StoreUnavailableError ? describeFault(err) : (err as Error).message;
  return new AppError(
    typeof code === 'string' && code.startsWith('STORE_') ? code : 'STORE_OPEN_FAILED',
    `the article store ${path} cannot be used: ${cause}`,
    { cause: err, expose: false },
  );
}

function describeFault(err: StoreUnavailableError): string {
  const driver = (err.cause as Error | undefined)?.message;
  switch (err.code) {
    case 'STORE_READ_ONLY':
      return `it is read-only (${driver ?? 'write refused'}); syndicard writes to it and creates its -wal and -shm files beside it, so the file and its directory must be writable by the user running it`;
    case 'STORE_CORRUPT':
      return `it is damaged (${driver ?? 'malformed'}); restore it from a backup (docs/operations.md)`;
    case 'STORE_BUSY':
      return `another process held its write lock for too long (${driver ?? 'busy'})`;
    default:
      return driver ? `${err.message} (${driver})` : err.message;
  }
}
