import type { Logger } from 'pino';

/**
 * Tells WebSub hubs that topics (feed URLs) changed. WebSub (W3C Recommendation, section 7) leaves the publisher→hub
 * request to each hub; the convention hubs share (PubSubHubbub 0.3/0.4, Google's and Superfeedr's hubs,
 * websub.rocks, WebSubHub) is a form-encoded POST with `hub.mode=publish` and the topic as `hub.url` (older hubs) or
 * `hub.topic` (newer ones). Each request names one topic under both names, so every hub reads it whichever it
 * expects, and a hub that refuses one topic cannot lose the others.
 *
 * Publishing never blocks a write: `publish()` only records topics. They are sent after a short quiet period
 * (trailing debounce, bounded by `maxWaitMs`), so a burst of writes (a bulk import, a busy newsroom) sends one
 * request per feed and hub. A request that fails (network, timeout, 5xx, 429) is retried with exponential backoff.
 */
export interface HubPublisherOptions {
  hubs: readonly string[];
  log: Pick<Logger, 'warn' | 'debug'>;
  /** Quiet time after the last change before sending. */
  debounceMs?: number;
  /** Longest a change waits while changes keep coming. */
  maxWaitMs?: number;
  /** Tries per topic and hub, the first included. */
  attempts?: number;
  /** First retry delay; each further one doubles, up to `maxRetryDelayMs`. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  timeoutMs?: number;
  /** Requests in flight per hub. */
  concurrency?: number;
}

export interface HubPublisher {
  /** Records changed topics; returns at once. */
  publish(topics: Iterable<string>): void;
  /** Sends what is pending now and resolves when every delivery has succeeded or given up (or `timeoutMs` passed). */
  flush(timeoutMs?: number): Promise<void>;
  /** Flushes (bounded by `timeoutMs`), then accepts nothing more. */
  close(timeoutMs?: number): Promise<void>;
}

export const PUBLISH_DEFAULTS = {
  debounceMs: 1000,
  maxWaitMs: 10_000,
  attempts: 6,
  retryDelayMs: 1000,
  maxRetryDelayMs: 60_000,
  timeoutMs: 10_000,
  concurrency: 4,
} as const;

export function createHubPublisher(options: HubPublisherOptions): HubPublisher {
  const o = { ...PUBLISH_DEFAULTS, ...options };
  const pending = new Set<string>();
  /** `hub topic` pairs waiting for a retry: a new change to them rides on that retry instead of adding a request. */
  const waiting = new Set<string>();
  const deliveries = new Set<Promise<void>>();
  const queues = new Map(o.hubs.map((hub) => [hub, createLimiter(o.concurrency)]));
  let timer: NodeJS.Timeout | undefined;
  let firstPendingAt = 0;
  let closed = false;

  function schedule(): void {
    if (timer) clearTimeout(timer);
    const waited = Date.now() - firstPendingAt;
    // Unref'd: pending pings never keep a process alive on their own; the CLI and shutdown flush() them.
    timer = setTimeout(send, Math.max(0, Math.min(o.debounceMs, o.maxWaitMs - waited))).unref();
  }

  function send(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const topics = [...pending];
    pending.clear();
    for (const hub of o.hubs) {
      for (const topic of topics) {
        if (waiting.has(`${hub} ${topic}`)) continue;
        track(deliver(hub, topic));
      }
    }
  }

  function track(delivery: Promise<void>): void {
    deliveries.add(delivery);
    void delivery.finally(() => deliveries.delete(delivery));
  }

  async function deliver(hub: string, topic: string): Promise<void> {
    const key = `${hub} ${topic}`;
    for (let attempt = 1; ; attempt++) {
      const outcome = await queues.get(hub)!(() => ping(hub, topic));
      if (outcome.ok) return;
      if (!outcome.retry || attempt >= o.attempts || closed) {
        o.log.warn({ hub, topic, attempt, problem: outcome.problem }, 'WebSub hub did not take the publish ping');
        return;
      }
      const backoff = Math.min(o.maxRetryDelayMs, o.retryDelayMs * 2 ** (attempt - 1));
      const delay = Math.max(backoff, outcome.retryAfterMs ?? 0);
      o.log.debug({ hub, topic, attempt, delay, problem: outcome.problem }, 'WebSub publish failed; retrying');
      waiting.add(key);
      await sleep(Math.min(delay, o.maxRetryDelayMs));
      waiting.delete(key);
    }
  }

  async function ping(hub: string, topic: string): Promise<Outcome> {
    const body = new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': topic, 'hub.topic': topic });
    try {
      const res = await fetch(hub, {
        method: 'POST',
        body,
        redirect: 'error',
        signal: AbortSignal.timeout(o.timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return { ok: true };
      const retryAfter = Number(res.headers.get('retry-after'));
      return {
        ok: false,
        retry: res.status >= 500 || res.status === 429 || res.status === 408,
        problem: `HTTP ${res.status}`,
        ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
      };
    } catch (err) {
      const problem = err instanceof Error ? String(err.cause ?? err.message) : String(err);
      return { ok: false, retry: true, problem };
    }
  }

  async function flush(timeoutMs = Number.POSITIVE_INFINITY): Promise<void> {
    if (pending.size > 0) send();
    const all = Promise.all([...deliveries]).then(() => undefined);
    if (!Number.isFinite(timeoutMs)) return all;
    let limit: NodeJS.Timeout | undefined;
    await Promise.race([all, new Promise<void>((resolve) => (limit = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(limit);
  }

  return {
    publish(topics) {
      if (closed || o.hubs.length === 0) return;
      const before = pending.size;
      for (const topic of topics) pending.add(topic);
      if (pending.size === before) return;
      if (before === 0 && !timer) firstPendingAt = Date.now();
      schedule();
    },
    flush,
    async close(timeoutMs) {
      await flush(timeoutMs);
      closed = true;
    },
  };
}

type Outcome = { ok: true } | { ok: false; retry: boolean; problem: string; retryAfterMs?: number };

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Runs at most `limit` tasks at once, in the order they came. */
function createLimiter(limit: number) {
  let active = 0;
  const queue: Array<() => void> = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => queue.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      queue.shift()?.();
    }
  };
}
