import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStore, parseArticle } from '../../src/articles/index.js';
import { createHubPublisher, type HubPublisherOptions, publishingStore } from '../../src/websub/index.js';
import { AUTH, makeTestApp, putJson, type TestApp } from '../helpers/app.js';
import { makeArticle } from '../helpers/fixtures.js';
import { startTestHub, type TestHub } from '../helpers/test-hub.js';

/**
 * WebSub publishing against hubs on 127.0.0.1 written for the test. The debounce window is an hour here and the
 * tests call flush(), so what is asserted (which topics, how many requests) never depends on timing; one test
 * lets the window close on its own.
 */

const ORIGIN = 'https://feeds.example.test';
const SEED_ID = 'baby-p-mum-befriends-woman-who-smothered-daughter';
const SEED_SCOPES = [
  '',
  '/sections/news',
  '/authors/robert-emlyn-slater',
  '/tags/baby-p',
  '/tags/tracey-connelly',
  '/tags/helen-caudwell',
  '/tags/true-crime',
];
const topicsOf = (scopes: string[]) =>
  scopes.flatMap((scope) => ['feed.rss', 'feed.atom', 'feed.json'].map((file) => `${ORIGIN}${scope}/${file}`));

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function hub(answer?: (n: number, topic: string) => number): Promise<TestHub> {
  const h = await startTestHub(answer);
  cleanups.push(() => h.close());
  return h;
}

async function setup(hubs: string[], options: Partial<HubPublisherOptions> = {}) {
  const warnings: unknown[] = [];
  const log = { warn: (obj: unknown) => warnings.push(obj), debug: () => undefined };
  const publisher = createHubPublisher({
    hubs,
    log: log as unknown as HubPublisherOptions['log'],
    debounceMs: 3_600_000,
    maxWaitMs: 3_600_000,
    retryDelayMs: 5,
    ...options,
  });
  const store = publishingStore(createSqliteStore({ path: ':memory:' }), { publisher, baseUrl: ORIGIN });
  const t: TestApp = await makeTestApp({ store, env: { SYNDICARD_WEBSUB_HUBS: hubs.join(',') } });
  cleanups.push(async () => {
    await publisher.close(1000);
    await t.close();
  });
  return { t, publisher, warnings };
}

const sorted = (values: Iterable<string>) => [...values].sort();

describe('WebSub publishing', { timeout: 120_000 }, () => {
  it('pings every feed a new article is in, once each, form-encoded with hub.mode=publish', async () => {
    const h = await hub();
    const { t, publisher } = await setup([h.url]);
    expect((await putJson(t, SEED_ID, makeArticle())).status).toBe(201);
    expect(h.requests).toHaveLength(0);
    await publisher.flush();
    expect(sorted(h.delivered().keys())).toEqual(sorted(topicsOf(SEED_SCOPES)));
    expect([...h.delivered().values()].every((n) => n === 1)).toBe(true);
    for (const request of h.requests) {
      expect(request.mode).toBe('publish');
      expect(request.contentType).toMatch(/^application\/x-www-form-urlencoded/);
      // Old hubs read hub.url, newer ones hub.topic: both name the one topic.
      expect(request.urls).toEqual(request.topics);
      expect(request.topics).toHaveLength(1);
    }
  });

  it('uses exactly the self URL each feed advertises, next to the hub link', async () => {
    const h = await hub();
    const { t, publisher } = await setup([h.url]);
    await putJson(t, SEED_ID, makeArticle());
    await publisher.flush();
    const res = await t.request.get('/tags/true-crime/feed.atom').buffer(true);
    expect(res.headers.link).toBe(`<${h.url}>; rel="hub", <${ORIGIN}/tags/true-crime/feed.atom>; rel="self"`);
    const links = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(res.text).feed.link;
    const self = links.find((l: { rel: string }) => l.rel === 'self').href;
    expect(links.find((l: { rel: string }) => l.rel === 'hub').href).toBe(h.url);
    expect(h.delivered().get(self)).toBe(1);
  });

  it("also pings the feeds an edited article left (section and tags changed) and a deleted article's feeds", async () => {
    const h = await hub();
    const { t, publisher } = await setup([h.url]);
    await putJson(t, SEED_ID, makeArticle());
    await publisher.flush();
    h.requests.length = 0;
    await putJson(t, SEED_ID, makeArticle({ section: 'Sport', tags: ['Football'] }));
    await publisher.flush();
    expect(sorted(h.delivered().keys())).toEqual(
      sorted(topicsOf([...SEED_SCOPES, '/sections/sport', '/tags/football'])),
    );
    h.requests.length = 0;
    expect((await t.request.delete(`/api/articles/${SEED_ID}`).set(AUTH)).status).toBe(204);
    await publisher.flush();
    expect(sorted(h.delivered().keys())).toEqual(
      sorted(topicsOf(['', '/sections/sport', '/authors/robert-emlyn-slater', '/tags/football'])),
    );
  });

  it('sends nothing for a write that changed nothing or failed', async () => {
    const h = await hub();
    const { t, publisher } = await setup([h.url]);
    await putJson(t, SEED_ID, makeArticle());
    await publisher.flush();
    h.requests.length = 0;
    expect((await putJson(t, SEED_ID, makeArticle())).status).toBe(200);
    expect((await putJson(t, 'bad', { headline: '' })).status).toBe(422);
    expect((await t.request.delete('/api/articles/missing').set(AUTH)).status).toBe(404);
    await publisher.flush();
    expect(h.requests).toEqual([]);
  });

  it('sends one ping per feed and hub after a bulk import of 300 records, and after a burst of PUTs', async () => {
    const [a, b] = [await hub(), await hub()];
    const { t, publisher } = await setup([a.url, b.url]);
    const records = Array.from({ length: 300 }, (_, i) =>
      parseArticle(
        makeArticle({
          id: `bulk-${i}`,
          section: ['News', 'Sport', 'TV'][i % 3],
          tags: [`Tag ${i % 5}`],
          authors: [{ name: i % 2 ? 'Ann Writer' : 'Bob Writer' }],
        }),
      ),
    );
    await t.store.importMany(records);
    await publisher.flush();
    // site + 3 sections + 2 authors + 5 tags = 11 feeds in three formats.
    const expected = topicsOf([
      '',
      ...['news', 'sport', 'tv'].map((s) => `/sections/${s}`),
      '/authors/ann-writer',
      '/authors/bob-writer',
      ...[0, 1, 2, 3, 4].map((n) => `/tags/tag-${n}`),
    ]);
    for (const h of [a, b]) {
      expect(sorted(h.delivered().keys())).toEqual(sorted(expected));
      expect(h.requests).toHaveLength(33);
    }
    a.requests.length = 0;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        putJson(t, `burst-${i}`, makeArticle({ id: `burst-${i}`, tags: ['Burst'] })),
      ),
    );
    await publisher.flush();
    expect(sorted(a.delivered().keys())).toEqual(sorted(topicsOf(SEED_SCOPES.slice(0, 3).concat('/tags/burst'))));
    expect(a.requests).toHaveLength(12);
  });

  it('retries with backoff after the hub answers 500, and gives up on a 400 at once', async () => {
    const atomTopic = `${ORIGIN}/feed.atom`;
    // The site-wide Atom topic fails twice before it is taken; the RSS one is refused for good.
    const failures = new Map<string, number>();
    const h = await hub((_n, topic) => {
      if (topic === `${ORIGIN}/feed.rss`) return 400;
      if (topic !== atomTopic) return 204;
      const seen = (failures.get(topic) ?? 0) + 1;
      failures.set(topic, seen);
      return seen <= 2 ? 500 : 204;
    });
    const { t, publisher, warnings } = await setup([h.url]);
    await putJson(t, SEED_ID, makeArticle());
    await publisher.flush();
    const forTopic = (topic: string) => h.requests.filter((r) => r.topics[0] === topic).map((r) => r.status);
    expect(forTopic(atomTopic)).toEqual([500, 500, 204]);
    expect(forTopic(`${ORIGIN}/feed.rss`)).toEqual([400]);
    expect(h.delivered().get(atomTopic)).toBe(1);
    expect(warnings).toEqual([expect.objectContaining({ topic: `${ORIGIN}/feed.rss`, problem: 'HTTP 400' })]);
  });

  it('never fails or holds a write when the hub is down; it gives up after its attempts', async () => {
    const gone = await startTestHub();
    await gone.close(); // a port nothing listens on any more: connection refused
    const { t, publisher, warnings } = await setup([gone.url], { attempts: 3 });
    const res = await putJson(t, SEED_ID, makeArticle());
    expect(res.status).toBe(201);
    expect((await t.store.get(SEED_ID))?.article.headline).toBe(makeArticle().headline);
    await publisher.flush();
    expect(warnings).toHaveLength(21);
    expect(warnings[0]).toMatchObject({ attempt: 3, hub: gone.url });
  });

  it('sends on its own once the debounce window has been quiet', async () => {
    const h = await hub();
    const { t } = await setup([h.url], { debounceMs: 20, maxWaitMs: 1000 });
    await putJson(t, SEED_ID, makeArticle());
    await expect.poll(() => h.delivered().size, { timeout: 15_000 }).toBe(21);
  });
});

describe('syndicard import with SYNDICARD_WEBSUB_HUBS', () => {
  it('pings each feed once for the whole file before it exits', async () => {
    const h = await hub();
    const dir = mkdtempSync(join(tmpdir(), 'syndicard-websub-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'articles.ndjson');
    const lines = Array.from({ length: 40 }, (_, i) => JSON.stringify(makeArticle({ id: `cli-${i}`, tags: ['Cli'] })));
    writeFileSync(file, `${lines.join('\n')}\n`);
    const bin = fileURLToPath(new URL('../../bin/syndicard.js', import.meta.url));
    const env = {
      ...process.env,
      SYNDICARD_DATA_DIR: join(dir, 'data'),
      SYNDICARD_LOG_LEVEL: 'silent',
      SYNDICARD_BASE_URL: ORIGIN,
      SYNDICARD_WEBSUB_HUBS: h.url,
    };
    // Asynchronous, so this process's hub can answer while the CLI runs.
    const child = spawn(process.execPath, [bin, 'import', file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(out).toContain('imported 40 record(s): 40 new');
    expect(code).toBe(0);
    expect(sorted(h.delivered().keys())).toEqual(sorted(topicsOf([...SEED_SCOPES.slice(0, 3), '/tags/cli'])));
    expect(h.requests).toHaveLength(12);
  }, 120_000);
});
