import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Rendered cards shared by every instance through Redis, by content key (equal keys, equal bytes: CardNaming.key), and a
 * render-once lock so that a card requested on several instances at once is drawn by one of them.
 *
 * Redis is a cache here, never a dependency: when it is unreachable every call answers as if the card were not
 * there and the instance renders it itself (its own memory and disk caches go on as without Redis), while the client
 * reconnects in the background. Memory is bounded twice: each card expires `ttlSeconds` after it was stored, and
 * Redis should evict least recently used keys when full (`maxmemory` with `maxmemory-policy allkeys-lru`; README,
 * "Several instances").
 */
export interface SharedCardCache {
  /** The card's bytes, or undefined when Redis does not have them or cannot be reached. */
  get(key: string): Promise<Buffer | undefined>;
  /**
   * The card's bytes from `render`, called here unless another instance holds the card's lock: then the bytes that
   * instance stores are awaited, up to `waitMs`, after which (or if that instance gave up) this one renders.
   */
  renderOnce(key: string, render: () => Promise<Buffer>): Promise<Buffer>;
  /** Calls of `render` this cache made, and results taken from another instance's render. */
  stats(): { rendered: number; awaited: number };
  /** True while Redis is connected (cards are shared); false while cards are cached per instance. */
  connected(): boolean;
  close(): Promise<void>;
}

export interface SharedCardCacheOptions {
  url: string;
  /** Start of every key: one Redis can serve several deployments (or tests). */
  prefix: string;
  ttlSeconds: number;
  /** How long a render lock outlives its holder (it is extended while the holder is drawing); 10 s by default. */
  lockMs?: number;
  /** Longest a request waits for another instance's render before drawing the card itself; 30 s by default. */
  waitMs?: number;
  log: { warn(obj: object, msg?: string): void; info?(obj: object, msg?: string): void };
}

const POLL_MS = 25;
/** Deletes the lock only if it is still ours (it may have expired and been taken by another instance meanwhile). */
const UNLOCK = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
/** Extends the lock only if it is still ours. */
const EXTEND =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

export function createSharedCardCache(options: SharedCardCacheOptions): SharedCardCache {
  const { prefix, ttlSeconds, log } = options;
  const lockMs = options.lockMs ?? 10_000;
  const waitMs = options.waitMs ?? 30_000;
  // Required here rather than imported: only a service with SYNDICARD_REDIS_URL needs the client, and loading it
  // cost every start, the CLI's included, ~80 ms (issue 11).
  const { Redis } = createRequire(import.meta.url)('ioredis') as typeof import('ioredis');
  const redis = new Redis(options.url, {
    // Fail fast while disconnected instead of queueing: the card is then rendered here, not held up.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    // A command unanswered this long means a Redis in trouble: the card is then drawn here rather than wait.
    commandTimeout: 5000,
    connectTimeout: 2000,
    // Reconnect for as long as it takes, a few seconds apart at most.
    retryStrategy: (attempt) => Math.min(100 * attempt, 2000),
  });
  let down = false;
  redis.on('error', (error) => {
    if (down) return;
    down = true;
    log.warn({ err: error }, 'Redis unreachable: cards are cached per instance until it is back');
  });
  redis.on('ready', () => {
    if (down) log.info?.({}, 'Redis reachable again: cards are shared again');
    down = false;
  });
  const cardKey = (key: string) => `${prefix}card:${key}`;
  const lockKey = (key: string) => `${prefix}lock:${key}`;
  const counts = { rendered: 0, awaited: 0 };

  /** Runs a command; an unreachable Redis answers `fallback`. */
  async function attempt<T>(command: () => Promise<T>, fallback: T): Promise<T> {
    if (redis.status !== 'ready') return fallback;
    try {
      return await command();
    } catch (error) {
      log.warn({ err: error }, 'Redis command failed; going on without the shared card cache');
      return fallback;
    }
  }

  const get = async (key: string) => (await attempt(() => redis.getBuffer(cardKey(key)), null)) ?? undefined;

  async function renderHere(key: string, render: () => Promise<Buffer>, locked: string | undefined) {
    counts.rendered++;
    // A slow render (a busy machine, a cold worker) keeps its lock, so the others keep waiting rather than draw it
    // too; if this process dies, the lock is gone within lockMs and a waiter takes over.
    const heartbeat = locked
      ? setInterval(() => void attempt(() => redis.eval(EXTEND, 1, lockKey(key), locked, lockMs), 0), lockMs / 3)
      : undefined;
    heartbeat?.unref();
    try {
      const bytes = await render();
      await attempt(() => redis.set(cardKey(key), bytes, 'EX', ttlSeconds), null);
      return bytes;
    } finally {
      clearInterval(heartbeat);
      if (locked) await attempt(() => redis.eval(UNLOCK, 1, lockKey(key), locked), 0);
    }
  }

  return {
    get,
    async renderOnce(key, render) {
      const deadline = performance.now() + waitMs;
      for (;;) {
        const token = randomUUID();
        const taken = await attempt(() => redis.set(lockKey(key), token, 'PX', lockMs, 'NX'), 'unreachable');
        if (taken === 'OK') return renderHere(key, render, token);
        // Unreachable, or the lock command failed (it may even have been set): draw it here rather than wait.
        if (taken === 'unreachable') return renderHere(key, render, undefined);
        // Another instance draws it: wait for its bytes while its lock lasts, then try the lock ourselves.
        while (performance.now() < deadline) {
          await sleep(POLL_MS);
          const bytes = await get(key);
          if (bytes) {
            counts.awaited++;
            return bytes;
          }
          if (!(await attempt(() => redis.exists(lockKey(key)), 0))) break;
        }
        if (performance.now() >= deadline) {
          log.warn({ key, waitMs }, 'waited too long for another instance to render a card; rendering it here');
          return renderHere(key, render, undefined);
        }
      }
    },
    stats: () => ({ ...counts }),
    connected: () => redis.status === 'ready',
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
