import type { StoreState } from '../store/index.js';
import { isUnreachable, translate } from './pg-errors.js';

export interface StateCache {
  get(): Promise<StoreState>;
  /** What get() would answer from the cache right now, or undefined when it would ask the database. */
  peek(): StoreState | undefined;
  /** A write committed (ours, or another instance's announced by NOTIFY): the next get() asks the database. */
  invalidate(): void;
}

export interface StateCacheOptions {
  read(): Promise<StoreState>;
  /** Whether the change listener is up: then every commit anywhere invalidates, and the cache may be trusted. */
  listening(): boolean;
  /** How long a revision is trusted while the listener is down. */
  fallbackCheckMs: number;
}

/** Even while listening, ask now and then: a belt to NOTIFY's braces (a socket that died without a word). */
const LISTENING_CHECK_MS = 10_000;

/**
 * `state()` for a store shared by several instances. Feed polls call it on every request, so the answer is cached:
 * until the next invalidation while the listener is up, at most `fallbackCheckMs` while it is down (a revision check
 * every quarter second is the fallback that keeps other instances' writes visible within a second). While the
 * database is unreachable the last revision is answered, so the feeds built from it keep being served.
 */
export function createStateCache(options: StateCacheOptions): StateCache {
  let cached: StoreState | undefined;
  let cachedAt = 0;
  let last: StoreState | undefined;
  let generation = 0;
  let refreshing: { generation: number; promise: Promise<StoreState> } | undefined;

  const keep = (started: number, state: StoreState) => {
    // A change announced while this read was under way may not be in it: then it is not cached.
    if (started === generation) [cached, cachedAt] = [state, performance.now()];
  };

  async function refresh(started: number): Promise<StoreState> {
    try {
      const state = await options.read();
      last = state;
      keep(started, state);
      return state;
    } catch (error) {
      if (!last || !isUnreachable(error)) throw translate(error);
      // Ask again after fallbackCheckMs, not on every poll of the outage.
      keep(started, last);
      return last;
    }
  }

  /** The cached state while it may be trusted: until an invalidation, and no longer than the current bound. */
  function fresh(): StoreState | undefined {
    const maxAge = options.listening() ? LISTENING_CHECK_MS : options.fallbackCheckMs;
    return cached && performance.now() - cachedAt < maxAge ? cached : undefined;
  }

  return {
    get() {
      const known = fresh();
      if (known) return Promise.resolve(known);
      if (refreshing?.generation !== generation) {
        const started = generation;
        const promise = refresh(started).finally(() => {
          if (refreshing?.promise === promise) refreshing = undefined;
        });
        refreshing = { generation: started, promise };
      }
      return refreshing.promise;
    },
    peek: fresh,
    invalidate() {
      generation++;
      cached = undefined;
    },
  };
}
