import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/articles/index.js';
import { runSyndicard } from '../helpers/child-output.js';
import { damageMiddleOfArticles, storeWithArticles } from '../helpers/damage.js';

let dir: string;
let dataDir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'syndicard-backup-'));
  dataDir = join(dir, 'data');
  mkdirSync(dataDir);
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function syndicard(args: string[]) {
  return runSyndicard(args, { ...process.env, SYNDICARD_DATA_DIR: dataDir, SYNDICARD_LOG_LEVEL: 'silent' });
}

// Each run spawns the CLI: a second on a quiet machine, many more on a loaded CI machine.
describe('syndicard backup and syndicard check', { timeout: 180_000 }, () => {
  it('backs up online (a writer holding the lock meanwhile), the copy checks sound and restores every article', async () => {
    const live = join(dataDir, 'syndicard.db');
    await storeWithArticles(live, 300);
    // The running server, in the middle of a write that is not committed yet.
    const server = new Database(live);
    server.exec("BEGIN IMMEDIATE; DELETE FROM articles WHERE id = 'article-0'");
    const backup = join(dir, 'backup.db');
    const made = await syndicard(['backup', backup]);
    server.exec('ROLLBACK');
    server.close();
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    expect(made.stdout).toContain(`backed up 300 article(s) from ${live} to ${backup} (checked)`);
    expect(existsSync(`${backup}.partial`)).toBe(false);

    const checked = await syndicard(['check', backup]);
    expect(checked.status).toBe(0);
    expect(checked.stdout).toContain(`ok: ${backup} passed SQLite's integrity_check (300 article(s))`);

    // Restore as docs/operations.md says: the copy in place of the store file.
    const restoredDir = join(dir, 'restored');
    mkdirSync(restoredDir);
    copyFileSync(backup, join(restoredDir, 'syndicard.db'));
    const restored = createSqliteStore({ path: join(restoredDir, 'syndicard.db') });
    try {
      expect(await restored.count({})).toBe(300);
      expect((await restored.get('article-0'))?.article.headline).toBe('Article number 0');
      expect((await restored.get('article-299'))?.article.headline).toBe('Article number 299');
    } finally {
      await restored.close();
    }

    const again = await syndicard(['backup', backup]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already exists');
  });

  it('check says DAMAGED and exits 1 for a store with a damaged page, 0 for the live one', async () => {
    const live = join(dataDir, 'syndicard.db');
    await storeWithArticles(live, 2000);
    expect((await syndicard(['check'])).status).toBe(0);
    const copy = join(dir, 'damaged.db');
    copyFileSync(live, copy);
    damageMiddleOfArticles(copy);
    const checked = await syndicard(['check', copy]);
    expect(checked.status).toBe(1);
    expect(checked.stderr).toContain(`DAMAGED: ${copy} failed SQLite's integrity_check:`);
    expect((await syndicard(['check', join(dir, 'missing.db')])).status).toBe(1);
  });
});
