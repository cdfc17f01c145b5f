import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import Database from 'better-sqlite3';
import { createSqliteStore, parseArticle } from '../../src/articles/index.js';
import { makeArticle } from './fixtures.js';

/** Helpers that build a real store file and then damage it the way a bad disk or a stray write would. */

/** A store file with `count` articles (the seed article's body, so a few thousand pages), closed and checkpointed. */
export async function storeWithArticles(path: string, count: number): Promise<void> {
  const store = createSqliteStore({ path });
  try {
    for (let start = 0; start < count; start += 500) {
      const batch = [];
      for (let i = start; i < Math.min(count, start + 500); i++) {
        batch.push(parseArticle(makeArticle({ id: `article-${i}`, headline: `Article number ${i}` })));
      }
      await store.importMany(batch);
    }
  } finally {
    await store.close();
  }
}

/** The pages of the `articles` table's b-tree that hold rows, in page order (SQLite's dbstat table). */
export function articleLeafPages(path: string): number[] {
  const db = new Database(path, { readonly: true });
  try {
    return (
      db.prepare("SELECT pageno FROM dbstat WHERE name = 'articles' AND pagetype = 'leaf' ORDER BY pageno").all() as {
        pageno: number;
      }[]
    ).map((row) => row.pageno);
  } finally {
    db.close();
  }
}

/** Overwrites one whole page (numbered from 1) with a byte pattern that is no valid b-tree page. */
export function damagePage(path: string, page: number): void {
  const fd = openSync(path, 'r+');
  try {
    const header = Buffer.alloc(100);
    readSync(fd, header, 0, 100, 0);
    const raw = header.readUInt16BE(16);
    const pageSize = raw === 1 ? 65_536 : raw;
    writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (page - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
}

/** Damages the middle leaf page of the articles table and returns its number. */
export function damageMiddleOfArticles(path: string): number {
  const leaves = articleLeafPages(path);
  if (leaves.length < 10) throw new Error(`only ${leaves.length} leaf pages: add articles so the middle is real`);
  const page = leaves[Math.floor(leaves.length / 2)]!;
  damagePage(path, page);
  return page;
}
