import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeArticle, TEST_TOKEN } from './helpers/fixtures.js';
import { freePort, type StartedService, startService } from './helpers/service.js';

const services: StartedService[] = [];
let dir: string | undefined;
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.stop()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** printed() gives up after ~30 s; a start under a loaded full-suite run may need longer. */
async function listening(service: StartedService): Promise<void> {
  for (let i = 0; i < 8 && service.child.exitCode === null; i++) {
    if ((await service.printed('syndicard listening on')).includes('syndicard listening on')) return;
  }
  throw new Error(`the service did not start: ${service.output().stderr}`);
}

async function itemIds(origin: string): Promise<Record<'rss' | 'atom' | 'json', string[]>> {
  const rss = await (await fetch(`${origin}/feed.rss`)).text();
  const atom = await (await fetch(`${origin}/feed.atom`)).text();
  const json = (await (await fetch(`${origin}/feed.json`)).json()) as { items: Array<{ id: string }> };
  return {
    rss: [...rss.matchAll(/<guid[^>]*>([^<]+)<\/guid>/g)].map((m) => m[1]!),
    atom: [...atom.matchAll(/<entry[\s>][\s\S]*?<id>([^<]+)<\/id>/g)].map((m) => m[1]!),
    json: json.items.map((item) => item.id),
  };
}

describe('item ids', { timeout: 600_000 }, () => {
  it('stay the same in all three feeds after a restart under another HOST, PORT and SYNDICARD_BASE_URL', async () => {
    dir = mkdtempSync(join(tmpdir(), 'syndicard-ids-'));
    const dataDir = join(dir, 'data');
    const firstPort = await freePort();
    const first = startService({
      PORT: String(firstPort),
      SYNDICARD_DATA_DIR: dataDir,
      SYNDICARD_API_TOKENS: TEST_TOKEN,
    });
    services.push(first);
    await listening(first);
    const firstOrigin = `http://127.0.0.1:${firstPort}`;
    // One article of our own beside the demo ones.
    const put = await fetch(`${firstOrigin}/api/articles/our-own`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${TEST_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(makeArticle({ id: 'our-own' })),
    });
    expect(put.status).toBe(201);
    const before = await itemIds(firstOrigin);
    expect(await first.stop()).toBe(0);

    // Another loopback address, another port, another public origin.
    const secondPort = await freePort();
    const second = startService({
      HOST: '127.0.0.2',
      PORT: String(secondPort),
      SYNDICARD_BASE_URL: `http://localhost:${secondPort}`,
      SYNDICARD_DATA_DIR: dataDir,
      SYNDICARD_API_TOKENS: TEST_TOKEN,
    });
    services.push(second);
    await listening(second);
    const after = await itemIds(`http://127.0.0.2:${secondPort}`);

    expect(before.rss).toHaveLength(4);
    for (const format of ['rss', 'atom', 'json'] as const) {
      expect(after[format], format).toEqual(before[format]);
      expect(before[format]).toEqual(before.rss);
    }
    // The authority is the embedded site's fixed name, never the address it listened on.
    for (const id of before.rss) expect(id).toMatch(/^tag:syndicard\.localhost,\d{4}-\d{2}-\d{2}:/);
    expect(before.rss).toContain('tag:syndicard.localhost,2023-04-14:our-own');
  });
});
