/** Cache stage: rendered cards in memory and on disk (within a disk budget), and the shared Redis cache. */
export { createCardCache, hasSignature, type RenderedCard, toRenderedCard } from './card-cache.js';
export { createSharedCardCache, type SharedCardCache, type SharedCardCacheOptions } from './shared-cache.js';
