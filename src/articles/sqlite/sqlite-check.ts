import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';

/**
 * SQLite's own consistency checks (https://sqlite.org/pragma.html#pragma_quick_check). `quick_check` walks every
 * page of every b-tree (O(file size), without comparing indexes to tables); `integrity_check` does that comparison
 * too. Both only read.
 */

export interface CheckResult {
  /** Empty when the check said "ok"; otherwise SQLite's findings (at most MAX_PROBLEMS) or the open error. */
  problems: string[];
}

const MAX_PROBLEMS = 20;

/**
 * Runs `quick_check` in a worker thread, so the caller can stop waiting (start-up is bounded in time) while the
 * check goes on and reports later: a synchronous check of a large file would block the process for as long as the
 * file takes to read. The worker loads the same better-sqlite3 the service uses.
 */
export function quickCheckInWorker(path: string): Promise<CheckResult> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, driver, max: MAX_PROBLEMS } });
  // Never keeps the process alive: a service stopping during a long check just stops.
  worker.unref();
  return new Promise((resolve) => {
    worker.once('message', (result: CheckResult) => resolve(result));
    worker.once('error', (err) => resolve({ problems: [`the check could not run: ${err.message}`] }));
  });
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.path, { fileMustExist: true });
  db.pragma('busy_timeout = 10000');
  const rows = db.pragma('quick_check(' + workerData.max + ')', { simple: false }).map((row) => Object.values(row)[0]);
  parentPort.postMessage({ problems: rows.length === 1 && rows[0] === 'ok' ? [] : rows.map(String) });
} catch (err) {
  parentPort.postMessage({ problems: [String(err && err.message) + (err && err.code ? ' (' + err.code + ')' : '')] });
} finally {
  try { if (db) db.close(); } catch {}
}
`;

/** `integrity_check` for `syndicard check`: the thorough one, run in the foreground by an operator. */
export function integrityCheck(path: string): CheckResult & { articles?: number } {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { fileMustExist: true });
    db.pragma('busy_timeout = 10000');
    const rows = (db.pragma(`integrity_check(${MAX_PROBLEMS})`) as Array<Record<string, unknown>>).map((row) =>
      String(Object.values(row)[0]),
    );
    if (rows.length !== 1 || rows[0] !== 'ok') return { problems: rows };
    const articles = (db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number } | undefined)?.n;
    return { problems: [], articles };
  } catch (err) {
    const { message, code } = err as { message: string; code?: string };
    return { problems: [`${message}${code ? ` (${code})` : ''}`] };
  } finally {
    db?.close();
  }
}
