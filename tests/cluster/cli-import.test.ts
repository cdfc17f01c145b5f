import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeArticle } from '../helpers/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';
import { deleteRedisPrefix, type Instance, startInstance } from './instance.js';

/** `syndicard import` with SYNDICARD_DATABASE_URL writes to PostgreSQL, and a running instance serves it at once. */
const BIN = fileURLToPath(new URL('../../bin/syndicard.js', import.meta.url));
const REDIS_URL = process.env.SYNDICARD_TEST_REDIS ?? 'redis://127.0.0.1:6379';
const prefix = `syndicard-test:${randomBytes(6).toString('hex')}:`;
let db: TestDatabase;
let instance: Instance;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  instance = await startInstance({ databaseUrl: db.url, redisUrl: REDIS_URL, prefix });
  dir = mkdtempSync(join(tmpdir(), 'syndicard-cli-pg-'));
}, 60_000);
afterAll(async () => {
  await instance?.close();
  await db?.drop();
  await deleteRedisPrefix(REDIS_URL, prefix);
  rmSync(dir, { recursive: true, force: true });
});

describe('syndicard import into PostgreSQL', { timeout: 120_000 }, () => {
  it('stores every record in the shared database, and a running instance serves them', async () => {
    expect((await fetch(`${instance.origin}/feed.json`)).status).toBe(200);
    const file = join(dir, 'import.ndjson');
    const records = Array.from({ length: 5 }, (_, i) =>
      makeArticle({ id: `imported-${i}`, headline: `Imported through the CLI ${i}`, updatedAt: undefined }),
    );
    writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n'));
    const env = {
      ...process.env,
      SYNDICARD_DATABASE_URL: db.url,
      SYNDICARD_DATA_DIR: join(dir, 'data'),
      SYNDICARD_LOG_LEVEL: 'silent',
    };
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'import', file], { env, timeout: 90_000 });
    expect(stdout).toContain('imported 5 record(s): 5 new, 0 replaced, 0 unchanged; 0 rejected');
    await vi.waitFor(
      async () => {
        const feed = await (await fetch(`${instance.origin}/feed.json`)).text();
        for (const r of records) expect(feed).toContain(r.headline);
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(await instance.store.state()).toMatchObject({ count: 5, revision: 5 });
  });
});
