import { describe, expect, it } from 'vitest';
import { createStateCache } from '../../src/articles/postgres/pg-state.js';
import type { StoreState } from '../../src/articles/store/index.js';

/**
 * The PostgreSQL store's state cache (src/articles/postgres/pg-state.ts), with a fake read: what `peek()` (the
 * store's peekState, which the feed fast path reads synchronously) gives next to what `get()` answers.
 */
function cacheWith(options: { listening: boolean; fallbackCheckMs?: number }) {
  let revision = 0;
  let listening = options.listening;
  let reads = 0;
  let release: (() => void) | undefined;
  let hold = false;
  const cache = createStateCache({
    listening: () => listening,
    fallbackCheckMs: options.fallbackCheckMs ?? 60_000,
    async read(): Promise<StoreState> {
      reads++;
      const answer = { revision, changedAt: undefined, count: revision };
      if (hold) await new Promise<void>((resolve) => (release = resolve));
      return answer;
    },
  });
  return {
    cache,
    write: () => revision++,
    setListening: (value: boolean) => (listening = value),
    holdReads: (value: boolean) => (hold = value),
    release: () => release?.(),
    reads: () => reads,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PostgreSQL state cache: peek()', () => {
  it('gives the cached state get() would answer, and nothing before the first read', async () => {
    const c = cacheWith({ listening: true });
    expect(c.cache.peek()).toBeUndefined();
    const state = await c.cache.get();
    expect(c.cache.peek()).toBe(state);
    expect(await c.cache.get()).toBe(state);
    expect(c.reads()).toBe(1);
  });

  it('gives nothing once invalidated (our commit, or another instance NOTIFYing its own), until get() reads again', async () => {
    const c = cacheWith({ listening: true });
    await c.cache.get();
    c.write();
    c.cache.invalidate();
    expect(c.cache.peek()).toBeUndefined();
    expect(await c.cache.get()).toMatchObject({ revision: 1 });
    expect(c.cache.peek()).toMatchObject({ revision: 1 });
  });

  it('gives nothing after a read that an invalidation overtook: that read may predate the change', async () => {
    const c = cacheWith({ listening: true });
    c.holdReads(true);
    const reading = c.cache.get();
    await sleep(0);
    c.write();
    c.cache.invalidate();
    c.release();
    expect(await reading).toMatchObject({ revision: 0 });
    expect(c.cache.peek()).toBeUndefined();
  });

  it('keeps the listener-down bound: nothing after fallbackCheckMs, so other instances are seen within it', async () => {
    const c = cacheWith({ listening: false, fallbackCheckMs: 40 });
    const state = await c.cache.get();
    expect(c.cache.peek()).toBe(state);
    await sleep(80);
    expect(c.cache.peek()).toBeUndefined();
    // While listening, the same age is still trusted (every commit anywhere invalidates).
    c.setListening(true);
    expect(c.cache.peek()).toBe(state);
  });
});
