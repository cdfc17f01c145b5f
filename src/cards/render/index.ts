/**
 * Render stage: the pool of render workers and its protocol. The composer (satori, resvg, sharp) runs inside the
 * workers only, so only its job type is exported here: the server's main process never loads it. A one-shot command
 * draws in its own process instead, through the same interface (in-process.ts: the composer loads on the first card).
 */
export type { RenderJob } from './compose-card.js';
export { createInProcessRenderer } from './in-process.js';
export { createRenderPool } from './render-pool.js';
