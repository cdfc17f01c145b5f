import { AppError } from '../../errors.js';

/**
 * The render pool's errors (render-pool.ts), each a 503 with its own code and Retry-After. Their messages name no path
 * or address, so they are shown to the client.
 */

/**
 * A render failed: the card itself is fine to ask for again (a crashed or overrun worker is replaced at once), and a
 * 500 would tell a scraper the URL is broken.
 */
export function renderFailed(message: string): AppError {
  return new AppError('CARD_RENDER_FAILED', message, { expose: true, headers: { 'Retry-After': '2' } });
}

/** The pool is closing (the service is shutting down): another instance, or this one restarted, will answer. */
export function closedError(): AppError {
  return new AppError('CARD_RENDERER_STOPPED', 'card renderer is shut down', {
    expose: true,
    headers: { 'Retry-After': '5' },
  });
}

/** Too many cards wait for a renderer already: load is shed at once rather than queued without bound. */
export function queueFull(queued: number): AppError {
  return new AppError('CARD_QUEUE_FULL', `${queued} cards are already waiting for a renderer`, {
    expose: true,
    headers: { 'Retry-After': '1' },
  });
}
