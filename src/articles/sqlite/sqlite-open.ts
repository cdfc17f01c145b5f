import { statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError, isErrorCode } from '../../errors.js';
import { StoreUnavailableError } from '../store/index.js';
import { type CheckResult, quickCheckInWorker } from './sqlite-check.js';
import { FAULT_MESSAGES } from './sqlite-faults.js';
import { createSqliteStore, type SqliteStore, type SqliteStoreOptions } from './sqlite-store.js';

export interface OpenSqliteStoreOptions extends SqliteStoreOptions {
  /** Longest start-up waits for quick_check; past it the check goes on and a late finding turns readiness off. */
  checkTimeoutMs?: number;
  /** Told when the check outlasts checkTimeoutMs (the caller logs that it goes on in the background). */
  onSlowCheck?: () => void;
}

/**
 * Opens the store for a long-running process (the server) and refuses a store it could not serve from: a file
 * that cannot be opened, or cannot be written (read-only file, directory or file system), stops start-up with a
 * message naming the file and the cause, instead of a server that starts "healthy" and answers every write 500.
 */
export async function openSqliteStore(options: OpenSqliteStoreOptions): Promise<SqliteStore> {
  const { path } = options;
  // Checked before the store is opened for writing, so nothing is written into a damaged file.
  const check = existingSize(path) > 0 ? quickCheckInWorker(path) : undefined;
  const early = check && (await Promise.race([check, sleep(options.checkTimeoutMs ?? 10_000, 'pending' as const)]));
  if (early && early !== 'pending' && early.problems.length > 0) throw damaged(path, early);
  if (early === 'pending') options.onSlowCheck?.();
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
  if (early === 'pending') {
    void check?.then((late) => {
      if (late.problems.length > 0) {
        // The client sees the usual words; the log (onDamage) gets the findings through `cause`.
        const detail = damaged(path, late);
        store.reportDamage(new StoreUnavailableError('STORE_CORRUPT', FAULT_MESSAGES.STORE_CORRUPT, detail));
      }
    });
  }
  return store;
}

function existingSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function damaged(path: string, result: CheckResult): AppError {
  const found = result.problems.slice(0, 5).join('; ');
  return new AppError(
    'STORE_CORRUPT',
    `the article store ${path} is damaged (SQLite quick_check: ${found}); restore it from a backup (docs/operations.md) — syndicard does not start on a damaged store`,
    { expose: false },
  );
}

function refusal(path: string, err: unknown): AppError {
  if (err instanceof AppError && !(err instanceof StoreUnavailableError)) return err;
  const code = (err as { code?: unknown }).code;
  const cause = err instanceof StoreUnavailableError ? describeFault(err) : (err as Error).message;
  return new AppError(
    isErrorCode(code) && code.startsWith('STORE_') ? code : 'STORE_OPEN_FAILED',
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
