import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app.js';
import { makeArticle, TEST_TOKEN } from '../helpers/fixtures.js';
import { type RunningNginx, startNginx } from '../helpers/nginx.js';

/**
 * deploy/nginx.conf in front of a real syndicard (Debian's nginx-light, both on 127.0.0.1): repeated feed and card
 * requests are cache hits, a PUT shows in the feed once its max-age has run out, a versioned card is fetched from
 * syndicard once however often and however concurrently it is asked for, and a cached feed outlives syndicard.
 * Upstream requests are counted by the server in front of syndicard's app.
 */

const MAX_AGE = 2;
const ID = 'nginx-story';
let t: TestApp;
let upstream: Server;
let nginx: RunningNginx;
const upstreamHits: string[] = [];
const hitsOf = (path: string) => upstreamHits.filter((url) => url === path).length;

beforeAll(async () => {
  t = await makeTestApp({ env: { SYNDICARD_FEED_MAX_AGE: String(MAX_AGE) } });
  upstream = createServer((req, res) => {
    upstreamHits.push(req.url ?? '');
    t.callback(req, res);
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  nginx = await startNginx([(upstream.address() as AddressInfo).port]);
  // A card without a photo: nothing to fetch from outside.
  const res = await put(makeArticle({ id: ID, image: undefined, headline: 'First headline' }));
  expect(res.status).toBe(201);
}, 120_000);

afterAll(async () => {
  await nginx?.stop();
  upstream?.closeAllConnections();
  await new Promise((resolve) => upstream?.close(resolve));
  await t?.close();
});

function get(path: string, headers: Record<string, string> = {}) {
  return fetch(`${nginx.origin}${path}`, { headers, redirect: 'manual' });
}

function put(record: Record<string, unknown>) {
  return fetch(`${nginx.origin}/api/articles/${ID}`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${TEST_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(record),
  });
}

describe('nginx in front (deploy/nginx.conf)', { timeout: 120_000 }, () => {
  it('answers a repeated feed request from its cache, per Accept-Encoding variant', async () => {
    const path = '/authors/robert-emlyn-slater/feed.atom';
    const first = await get(path, { 'accept-encoding': 'identity' });
    expect(first.status).toBe(200);
    expect(first.headers.get('x-cache-status')).toBe('MISS');
    const body = await first.text();
    const second = await get(path, { 'accept-encoding': 'identity' });
    expect(second.headers.get('x-cache-status')).toBe('HIT');
    expect(await second.text()).toBe(body);
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(second.headers.get('cache-control')).toBe(`public, max-age=${MAX_AGE}`);
    // Vary: Accept-Encoding is honoured: the gzip variant is its own entry.
    const gzip = await get(path, { 'accept-encoding': 'gzip' });
    expect(gzip.headers.get('x-cache-status')).toBe('MISS');
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect((await get(path, { 'accept-encoding': 'gzip' })).headers.get('x-cache-status')).toBe('HIT');
    expect(hitsOf(path)).toBe(2);
  });

  it('answers a repeated card request from its cache', async () => {
    const path = `/cards/${ID}.png`;
    // Drawn in syndicard first, straight through the app (not counted), so nginx's timeouts never meet a slow render.
    expect((await t.request.get(path)).status).toBe(200);
    const first = await get(path);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('image/png');
    expect(first.headers.get('x-cache-status')).toBe('MISS');
    const bytes = Buffer.from(await first.arrayBuffer());
    const second = await get(path);
    expect(second.headers.get('x-cache-status')).toBe('HIT');
    expect(Buffer.from(await second.arrayBuffer()).equals(bytes)).toBe(true);
    expect(hitsOf(path)).toBe(1);
  });

  it('fetches a versioned card from syndicard once, however many readers ask at once', async () => {
    const redirect = await get(`/cards/${ID}/AAAAAAAAAAAA.jpg`);
    expect(redirect.status).toBe(302);
    const path = new URL(redirect.headers.get('location')!).pathname;
    expect(path).toMatch(new RegExp(`^/cards/${ID}/[A-Za-z0-9_-]{12}\\.jpg$`));
    // Drawn once in syndicard first (straight through the app, not counted): a render slower than nginx's lock
    // timeout on a loaded machine would let waiting requests through, which is not what this test is about.
    expect((await t.request.get(path)).status).toBe(200);
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) => get(path, { 'accept-encoding': i % 2 ? 'gzip, br' : 'identity' })),
    );
    const later = await Promise.all([get(path), get(path, { 'user-agent': 'Twitterbot/1.0' })]);
    const bodies = await Promise.all([...burst, ...later].map(async (res) => Buffer.from(await res.arrayBuffer())));
    for (const [i, res] of [...burst, ...later].entries()) {
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(bodies[i]!.equals(bodies[0]!)).toBe(true);
    }
    expect(later.map((res) => res.headers.get('x-cache-status'))).toEqual(['HIT', 'HIT']);
    expect(hitsOf(path)).toBe(1);
  });

  it('shows a PUT in the feed once its max-age has run out, never earlier', async () => {
    const path = '/sections/news/feed.json';
    const cachedAt = Date.now();
    const first = await get(path);
    expect(first.headers.get('x-cache-status')).toBe('MISS');
    expect(await first.text()).toContain('First headline');
    expect((await put(makeArticle({ id: ID, image: undefined, headline: 'Second headline' }))).status).toBe(200);
    // Poll until the new headline shows; every answer before it must come from the cache, and the first fresh one
    // must be a refresh of the expired entry, not earlier than max-age allows.
    const seen: Array<{ status: string; fresh: boolean; after: number }> = [];
    const deadline = Date.now() + 30_000;
    while (!seen.at(-1)?.fresh && Date.now() < deadline) {
      const res = await get(path);
      const fresh = (await res.text()).includes('Second headline');
      seen.push({ status: res.headers.get('x-cache-status')!, fresh, after: Date.now() - cachedAt });
      if (!fresh) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const stale = seen.filter((s) => !s.fresh);
    const fresh = seen.at(-1)!;
    expect(fresh.fresh, JSON.stringify(seen)).toBe(true);
    // Right after the PUT the cached copy is still served (the answers before the refresh are never fresh).
    expect(stale.length).toBeGreaterThan(0);
    for (const s of stale) expect(['HIT', 'UPDATING', 'STALE']).toContain(s.status);
    // nginx counts whole seconds, so the entry may expire up to a second early by the wall clock here.
    expect(fresh.after).toBeGreaterThanOrEqual((MAX_AGE - 1) * 1000);
    // The refresh: either this request fetched it (EXPIRED), or an earlier one was served the old copy while nginx
    // fetched the new one in the background (STALE, proxy_cache_background_update) and this one is its HIT.
    const refreshed = seen.findIndex((s) => ['EXPIRED', 'UPDATING', 'STALE'].includes(s.status));
    expect(refreshed, JSON.stringify(seen)).toBeGreaterThanOrEqual(0);
    expect(seen[refreshed]!.after).toBeGreaterThanOrEqual((MAX_AGE - 1) * 1000);
  });

  it('never caches the API', async () => {
    const before = hitsOf(`/api/articles/${ID}`);
    for (let i = 0; i < 2; i++) {
      const res = await get(`/api/articles/${ID}`, { authorization: `Bearer ${TEST_TOKEN}` });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-cache-status')).toBeNull();
    }
    expect(hitsOf(`/api/articles/${ID}`)).toBe(before + 2);
  });

  it('serves the cached feed while syndicard is down (proxy_cache_use_stale)', async () => {
    const path = '/tags/true-crime/feed.rss';
    const first = await get(path);
    expect(first.status).toBe(200);
    const body = await first.text();
    upstream.closeAllConnections();
    await new Promise((resolve) => upstream.close(resolve));
    // Past max-age, with nobody to revalidate against.
    await new Promise((resolve) => setTimeout(resolve, (MAX_AGE + 1) * 1000));
    const stale = await get(path);
    expect(stale.status).toBe(200);
    expect(stale.headers.get('x-cache-status')).toBe('STALE');
    expect(await stale.text()).toBe(body);
    expect((await get('/tags/never-cached/feed.rss')).status).toBe(502);
  });
});
