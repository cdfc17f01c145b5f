import { LRUCache } from 'lru-cache';
import { AppError } from '../../errors.js';

/**
 * Photos (and logos) that could not be had, and when to try each again: exponential backoff from `baseMs` up to
 * `maxMs`, so a photo host that is down for a minute costs a few fetches, not one per request, and a card is drawn
 * with its photo again soon after the photo is back. A failure is `permanent` when trying again cannot help until
 * the record changes (our policy refused the URL, or the bytes are not an image we can decode: 422s); anything else
 * (unreachable, timeout, an error status) is passing.
 */
interface PhotoFailure {
  attempts: number;
  /** Epoch ms of the next attempt. */
  retryAt: number;
  permanent: boolean;
}

export interface PhotoRetry {
  /** Records a failure; returns how long (ms) until the URL may be tried again. */
  failed(url: string, error: unknown, options?: { permanent?: boolean }): number;
  succeeded(url: string): void;
  get(url: string): PhotoFailure | undefined;
}

export function createPhotoRetry(options: { baseMs: number; maxMs: number; now?: () => number }): PhotoRetry {
  const now = options.now ?? Date.now;
  const failures = new LRUCache<string, PhotoFailure>({ max: 10_000 });
  return {
    failed(url, error, { permanent } = {}) {
      const attempts = (failures.get(url)?.attempts ?? 0) + 1;
      const delay = Math.min(options.baseMs * 2 ** Math.min(attempts - 1, 30), Math.max(options.maxMs, options.baseMs));
      failures.set(url, { attempts, retryAt: now() + delay, permanent: permanent ?? isPermanent(error) });
      return delay;
    },
    succeeded: (url) => void failures.delete(url),
    get: (url) => failures.get(url),
  };
}

function isPermanent(error: unknown): boolean {
  return error instanceof AppError && error.status === 422;
}
