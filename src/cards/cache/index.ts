/** Cache stage: rendered cards in memory and on disk (within a disk budget), and the shared Redis cache. */
export type { RenderedCard } from './card-cache.js';
export { type CardStore, createCardStore } from './card-store.js';
export { createSharedCardCache, type SharedCardCache, type SharedCardCacheOptions } from './shared-cache.js';
