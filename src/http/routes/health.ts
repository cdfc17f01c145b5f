import Router from '@koa/router';
import type { ArticleStore } from '../../articles/index.js';
import { UnavailableError } from '../../errors.js';

export interface HealthDeps {
  store: ArticleStore;
  lifecycle?: { readonly draining: boolean };
  /** How long one readiness answer is reused. */
  cacheMs?: number;
}

/**
 * `/readyz` runs a real read and a tiny committed write, so a flood of probes could become a flood of writes: one
 * answer is shared by every probe for this long (and by concurrent probes while it is being found).
 */
const READY_CACHE_MS = 1000;

/**
 * `/healthz` is liveness: 200 while the process can answer at all, whatever the store's state (restarting a
 * process does not mend a damaged file). `/readyz` is readiness: 200 only when the store can be read and written
 * and the service is not shutting down; otherwise 503 NOT_READY with Retry-After and the reason's own code.
 */
export function healthRoutes({ store, lifecycle, cacheMs = READY_CACHE_MS }: HealthDeps): Router {
  const router = new Router();
  let last: { at: number; outcome: Promise<unknown> } | undefined;

  function probe(): Promise<unknown> {
    const now = performance.now();
    if (!last || now - last.at >= cacheMs) {
      last = {
        at: now,
        outcome: store.probe().then(
          () => undefined,
          (err: unknown) => err ?? new Error('unknown'),
        ),
      };
    }
    return last.outcome;
  }

  router.get('/healthz', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    try {
      const state = await store.state();
      ctx.body = { status: 'ok', articles: state.count, revision: state.revision };
    } catch (err) {
      ctx.body = { status: 'ok', store: (err as { code?: string }).code ?? 'STORE_UNAVAILABLE' };
    }
  });

  router.get('/readyz', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    if (lifecycle?.draining) {
      throw new UnavailableError('NOT_READY', 'not ready: shutting down', 5, undefined, [
        { path: 'service', message: 'SHUTTING_DOWN: finishing the requests in flight before stopping' },
      ]);
    }
    const failure = await probe();
    if (failure !== undefined) {
      // A store fault's message is written for clients; anything else (a bug) is not shown.
      const known = failure instanceof UnavailableError;
      const reason = known ? failure.code : 'STORE_UNAVAILABLE';
      const detail = known ? failure.message : 'the store could not be reached';
      throw new UnavailableError('NOT_READY', `not ready: ${reason}`, known ? failure.retryAfterSeconds : 5, failure, [
        { path: 'store', message: `${reason}: ${detail}` },
      ]);
    }
    ctx.body = { status: 'ready' };
  });

  return router;
}
