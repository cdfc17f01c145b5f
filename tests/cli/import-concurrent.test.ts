import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/articles/index.js';
import { AUTH, makeTestApp, putJson } from '../helpers/app.js';
import { BIN, collectOutput } from '../helpers/child-output.js';
import { makeArticle } from '../helpers/fixtures.js';

const IMPORTED = 3000;
const STORM_CLIENTS = 8;

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('syndicard import beside a storm of API writes on the same file', () => {
  it('no 500, every acknowledged write readable afterwards, the import complete', async () => {
    dir = mkdtempSync(join(tmpdir(), 'syndicard-storm-'));
    const dataDir = join(dir, 'data');
    mkdirSync(dataDir);
    const path = join(dataDir, 'syndicard.db');
    const file = join(dir, 'articles.ndjson');
    const lines = Array.from({ length: IMPORTED }, (_, i) =>
      JSON.stringify(makeArticle({ id: `imported-${i}`, headline: `Imported number ${i}` })),
    );
    writeFileSync(file, `${lines.join('\n')}\n`);

    // The server: the real app on the same file, with the default busy timeout.
    const t = await makeTestApp({ store: createSqliteStore({ path }) });
    try {
      // Small batches make many lock hand-overs between the two processes, the case that used to fail.
      const cli = collectOutput(
        spawn(process.execPath, [BIN, 'import', '--batch-size', '100', file], {
          env: { ...process.env, SYNDICARD_DATA_DIR: dataDir, SYNDICARD_LOG_LEVEL: 'silent' },
        }),
      );
      let running = true;
      const exited = cli.done.then((run) => {
        running = false;
        return run;
      });

      const acknowledged = new Map<string, string>();
      const statuses = new Map<number, number>();
      let duringImport = 0;
      let next = 0;
      const client = async () => {
        // Keep writing until the import is over (and at least a few writes each, should it be very quick).
        for (let mine = 0; running || mine < 5; mine++) {
          const id = `storm-${next++}`;
          const res = await putJson(t, id, makeArticle({ id, headline: `Storm write ${id}` }));
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (running) duringImport++;
          if (res.status === 503) expect(res.headers['retry-after']).toMatch(/^\d+$/);
          if (res.status === 201) acknowledged.set(id, res.body.version);
        }
      };
      await Promise.all(Array.from({ length: STORM_CLIENTS }, client));
      const run = await exited;

      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(`imported ${IMPORTED} record(s): ${IMPORTED} new`);
      // Every answer was a success or an honest 503: never a 500 (nor any other status).
      for (const status of statuses.keys()) expect([201, 503]).toContain(status);
      expect(duringImport).toBeGreaterThan(0);
      expect(acknowledged.size).toBeGreaterThan(0);

      // Every acknowledged write is there, exactly as acknowledged, read back through the API.
      for (const [id, version] of acknowledged) {
        const res = await t.request.get(`/api/articles/${id}`).set(AUTH);
        expect(res.status, id).toBe(200);
        expect(res.body.version, id).toBe(version);
      }
      // The import is complete: every record, read through a fresh connection.
      const check = createSqliteStore({ path });
      try {
        expect(await check.count({})).toBe(IMPORTED + acknowledged.size);
        for (const i of [0, 1, IMPORTED / 2, IMPORTED - 1]) {
          expect((await check.get(`imported-${i}`))?.article.headline).toBe(`Imported number ${i}`);
        }
      } finally {
        await check.close();
      }
    } finally {
      await t.close();
    }
  }, 180_000);
});
