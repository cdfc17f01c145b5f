import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/articles/index.js';
import { parseImport } from '../../src/cli/import-file.js';
import { makeArticle } from '../helpers/fixtures.js';

const BIN = fileURLToPath(new URL('../../bin/syndicard.js', import.meta.url));
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'syndicard-cli-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function syndicard(args: string[], input?: string) {
  const env = { ...process.env, SYNDICARD_DATA_DIR: join(dir, 'data'), SYNDICARD_LOG_LEVEL: 'silent' };
  return spawnSync(process.execPath, [BIN, ...args], { env, input, encoding: 'utf8', timeout: 60_000 });
}

async function storedIds(): Promise<string[]> {
  const store = createSqliteStore({ path: join(dir, 'data', 'syndicard.db') });
  try {
    return (await store.list({ limit: 100 })).items.map((s) => s.article.id).sort();
  } finally {
    await store.close();
  }
}

const good = (id: string) => JSON.stringify(makeArticle({ id }));
const ndjson = [
  good('one'),
  '{"id": "broken", ',
  good('two'),
  JSON.stringify(makeArticle({ id: 'three', url: '/relative' })),
  '',
].join('\n');

describe('parseImport', () => {
  it('finds the line each record of a JSON array starts on', () => {
    const text = `[\n  ${good('a')},\n\n  {"id": "b", "headline": "x {[\\"}"},\n  ${good('c')}\n]`;
    const parsed = parseImport(text, 'json');
    expect(parsed.records.map((r) => [r.article.id, r.line])).toEqual([
      ['a', 2],
      ['c', 5],
    ]);
    expect(parsed.rejected.map((r) => r.line)).toEqual([4]);
  });
});

// Each test spawns the CLI: a second on a quiet machine, many more on a loaded CI machine.
describe('syndicard import', { timeout: 90_000 }, () => {
  it('imports the good NDJSON records and reports the bad ones by line', async () => {
    const file = join(dir, 'articles.ndjson');
    writeFileSync(file, ndjson);
    const run = syndicard(['import', file]);
    expect(run.stderr).toContain('line 2: not valid JSON');
    expect(run.stderr).toContain('line 4: url: must be an absolute http(s) URL');
    expect(run.stdout).toContain('imported 2 record(s): 2 new, 0 replaced, 0 unchanged; 2 rejected');
    expect(run.status).toBe(2);
    expect(await storedIds()).toEqual(['one', 'two']);
  });

  it('--strict imports nothing when any record is bad', async () => {
    const file = join(dir, 'articles.ndjson');
    writeFileSync(file, ndjson);
    const run = syndicard(['import', '--strict', file]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('nothing was imported');
    expect(await storedIds()).toEqual([]);
  });

  it('reads a JSON array from standard input', async () => {
    const run = syndicard(['import', '-'], `[${good('a')}, ${good('b')}]`);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('2 new');
    expect(await storedIds()).toEqual(['a', 'b']);
  });

  it('names a bad setting and stops', () => {
    const run = spawnSync(process.execPath, [BIN, 'import', '-'], {
      env: { ...process.env, SYNDICARD_DATA_DIR: dir, SYNDICARD_FEED_LIMIT: 'lots' },
      input: '[]',
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('SYNDICARD_FEED_LIMIT');
  });
});
