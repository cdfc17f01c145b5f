import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createSharedCardCache, type SharedCardCache } from '../../src/cards/index.js';
import { deleteRedisPrefix } from '../cluster/instance.js';
import { freePort } from '../cluster/throwaway-servers.js';

/** The machine's Redis, under a key prefix of this file's own (cleaned up by SCAN, never FLUSH). */
const REDIS_URL = process.env.SYNDICARD_TEST_REDIS ?? 'redis://127.0.0.1:6379';
const prefix = `syndicard-test:${randomBytes(6).toString('hex')}:`;
const admin = new Redis(REDIS_URL);
const opened: SharedCardCache[] = [];
const warnings: string[] = [];
const log = { warn: (_: object, msg?: string) => warnings.push(msg ?? '') };

function cache(options: { url?: string; lockMs?: number; waitMs?: number } = {}) {
  const shared = createSharedCardCache({ url: REDIS_URL, prefix, ttlSeconds: 60, log, ...options });
  opened.push(shared);
  return shared;
}
const connected = (shared: SharedCardCache) =>
  vi.waitFor(() => expect(shared.connected()).toBe(true), { timeout: 5000 });

afterEach(async () => {
  for (const shared of opened.splice(0)) await shared.close();
  warnings.length = 0;
});
afterAll(async () => {
  await deleteRedisPrefix(REDIS_URL, prefix);
  admin.disconnect();
});

describe('shared card cache (Redis)', () => {
  it('renders a card once for callers on several instances, and bounds it with a TTL', async () => {
    const [one, two] = [cache(), cache()];
    await Promise.all([connected(one), connected(two)]);
    let renders = 0;
    let release!: () => void;
    const drawn = new Promise<void>((resolve) => {
      release = resolve;
    });
    const render = async () => {
      renders++;
      await drawn;
      return Buffer.from('card bytes');
    };
    const first = one.renderOnce('k1', render);
    await vi.waitFor(async () => expect(await admin.exists(`${prefix}lock:k1`)).toBe(1));
    const second = two.renderOnce('k1', render);
    release();
    expect((await Promise.all([first, second])).map(String)).toEqual(['card bytes', 'card bytes']);
    expect(renders).toBe(1);
    expect(two.stats()).toEqual({ rendered: 0, awaited: 1 });
    expect(String(await two.get('k1'))).toBe('card bytes');
    const ttl = await admin.ttl(`${prefix}card:k1`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
    // The lock went with the render.
    expect(await admin.exists(`${prefix}lock:k1`)).toBe(0);
  });

  it('takes over when the instance holding the lock died without storing the card', async () => {
    const shared = cache({ lockMs: 300 });
    await connected(shared);
    // A lock as a crashed instance leaves it: nobody extends or deletes it; it expires.
    await admin.set(`${prefix}lock:k2`, 'dead-instance', 'PX', 300);
    const bytes = await shared.renderOnce('k2', async () => Buffer.from('drawn here'));
    expect(String(bytes)).toBe('drawn here');
    expect(shared.stats()).toEqual({ rendered: 1, awaited: 0 });
    expect(String(await shared.get('k2'))).toBe('drawn here');
  });

  it('waits a bounded time for a slow instance, then renders itself rather than fail', async () => {
    const shared = cache({ waitMs: 200 });
    await connected(shared);
    await admin.set(`${prefix}lock:k3`, 'slow-instance', 'PX', 60_000);
    expect(String(await shared.renderOnce('k3', async () => Buffer.from('did not wait')))).toBe('did not wait');
    expect(warnings.some((w) => w.includes('waited too long'))).toBe(true);
  });

  it('renders locally, without failing, while Redis cannot be reached', async () => {
    const shared = cache({ url: `redis://127.0.0.1:${await freePort()}` });
    expect(shared.connected()).toBe(false);
    expect(await shared.get('k4')).toBeUndefined();
    expect(String(await shared.renderOnce('k4', async () => Buffer.from('local')))).toBe('local');
    expect(shared.stats()).toEqual({ rendered: 1, awaited: 0 });
  });
});
