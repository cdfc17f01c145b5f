/**
 * Render stage: the pool of render workers and its protocol. The composer (satori, resvg, sharp) runs inside the
 * workers only, so only its types are exported here: the main process never loads it.
 */
export type { CardComposer, ComposedCard, RenderJob } from './compose-card.js';
export { createRenderPool, type PoolResult, type RenderPool, type RenderPoolOptions } from './render-pool.js';
