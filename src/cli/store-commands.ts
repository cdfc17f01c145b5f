import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { integrityCheck } from '../articles/sqlite/sqlite-check.js';
import type { CliIo } from './import-command.js';

/**
 * `syndicard check [file]`: SQLite's integrity_check on the live store or on a backup about to be restored.
 * Exit 0 when sound, 1 when damaged or unreadable.
 */
export async function runCheck(path: string, io: Pick<CliIo, 'stdout' | 'stderr'>): Promise<number> {
  if (!existsSync(path)) {
    io.stderr.write(`no article store at ${path}\n`);
    return 1;
  }
  const result = integrityCheck(path);
  if (result.problems.length > 0) {
    io.stderr.write(`DAMAGED: ${path} failed SQLite's integrity_check:\n`);
    for (const problem of result.problems) io.stderr.write(`  ${problem}\n`);
    io.stderr.write('restore it from a backup (docs/operations.md)\n');
    return 1;
  }
  io.stdout.write(`ok: ${path} passed SQLite's integrity_check (${result.articles ?? 0} article(s))\n`);
  return 0;
}

/**
 * `syndicard backup <file>`: a consistent copy of the live store made with SQLite's online backup API, safe while
 * the server and imports write (it copies one committed state). Written beside the target first, checked with
 * integrity_check, then renamed into place, so `<file>` is either a sound backup or absent.
 */
export async function runBackup(source: string, target: string, io: Pick<CliIo, 'stdout' | 'stderr'>): Promise<number> {
  const destination = resolve(target);
  if (!existsSync(source)) {
    io.stderr.write(`no article store at ${source} to back up\n`);
    return 1;
  }
  if (existsSync(destination)) {
    io.stderr.write(`${destination} already exists: name a new file (a backup is never written over another)\n`);
    return 1;
  }
  const partial = `${destination}.partial`;
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    await db.backup(partial);
  } catch (err) {
    io.stderr.write(`backup of ${source} to ${destination} failed: ${(err as Error).message}\n`);
    await rm(partial, { force: true });
    return 1;
  } finally {
    db.close();
  }
  const result = integrityCheck(partial);
  if (result.problems.length > 0) {
    io.stderr.write(`the copy of ${source} failed integrity_check (${result.problems.join('; ')}); nothing kept\n`);
    await rm(partial, { force: true });
    return 1;
  }
  await rename(partial, destination);
  io.stdout.write(`backed up ${result.articles ?? 0} article(s) from ${source} to ${destination} (checked)\n`);
  return 0;
}
