import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteStore, parseArticle } from '../../src/articles/index.js';
import { makeArticle } from '../helpers/fixtures.js';

// What every store does is tested in store-contract.test.ts, on SQLite and PostgreSQL alike; here, SQLite's own.

const article = (id: string, publishedAt: string, extra: Record<string, unknown> = {}) =>
  parseArticle(makeArticle({ id, publishedAt, updatedAt: undefined, ...extra }));

describe('createSqliteStore', () => {
  it('keeps data in a file across reopening, and sees writes from another connection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'syndicard-store-'));
    try {
      const path = join(dir, 'nested', 'syndicard.db');
      const server = createSqliteStore({ path });
      const cli = createSqliteStore({ path });
      expect((await server.state()).count).toBe(0);
      await cli.put(article('from-cli', '2024-01-01T00:00:00Z'));
      // Another process's write shows within the 200 ms the server's state() may be stale.
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect(await server.state()).toMatchObject({ count: 1, revision: 1 });
      // peekState() keeps that bound: the cached state while it is fresh, then nothing, so the next read asks SQLite.
      const seen = server.peekState();
      expect(seen).toMatchObject({ count: 1, revision: 1 });
      await cli.put(article('from-cli-2', '2024-01-02T00:00:00Z'));
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect(server.peekState()).toBeUndefined();
      expect(await server.state()).toMatchObject({ count: 2, revision: 2 });
      expect(server.peekState()).toMatchObject({ count: 2, revision: 2 });
      await cli.close();
      await server.close();
      const reopened = createSqliteStore({ path });
      expect((await reopened.get('from-cli'))?.article.id).toBe('from-cli');
      await reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
