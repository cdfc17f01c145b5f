/**
 * Render stage: the pool of render workers and its protocol. The composer (compose/: satori, resvg, sharp) runs
 * inside the workers only: the server's main process never loads it. A one-shot command draws in its own process
 * instead, through the same interface (in-process.ts: the composer loads on the first card).
 */
export { createInProcessRenderer } from './in-process.js';
export { createRenderPool } from './render-pool.js';
