/**
 * Render stage: the pool of render workers and its protocol. The composer (satori, resvg, sharp) runs inside the
 * workers only, so only its job type is exported here: the main process never loads it.
 */
export type { RenderJob } from './compose-card.js';
export { createRenderPool } from './render-pool.js';
