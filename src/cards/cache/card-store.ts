import type { CardFormat, CardTemplate } from '../spec.js';
import {
  type CardCacheOptions,
  createCardCache,
  hasSignature,
  type RenderedCard,
  toRenderedCard,
} from './card-cache.js';
import type { SharedCardCache } from './shared-cache.js';

/** Where a cached card was found. */
export type CardCacheLayer = 'memory' | 'disk' | 'shared';

export interface CardStore {
  /** Memory only: never touches the disk or Redis (for HEAD). */
  peek(key: string): RenderedCard | undefined;
  /** Memory, then disk, then the shared cache (a card found there is kept here too), with the layer it came from. */
  find(
    key: string,
    format: CardFormat,
    template: CardTemplate,
  ): Promise<{ card: RenderedCard; layer: CardCacheLayer } | undefined>;
  /**
   * The card `draw` renders, drawn through the shared cache when there is one (one instance draws it, the others
   * wait for its bytes), and kept in memory and on disk.
   */
  render(key: string, format: CardFormat, template: CardTemplate, draw: () => Promise<Buffer>): Promise<RenderedCard>;
  /** A buffer for a card's bytes that the memory cache can keep without copying them (card-cache.ts). */
  allocate(length: number): Buffer;
  /** Closes the shared cache's connection. */
  close(): Promise<void>;
}

/** Every cache of rendered cards, by content key, in the order they are asked: memory, disk, then Redis. */
export function createCardStore(options: CardCacheOptions & { shared?: SharedCardCache }): CardStore {
  const { shared } = options;
  const cache = createCardCache(options);
  return {
    peek: (key) => cache.get(key),
    allocate: (length) => cache.allocate(length),
    async find(key, format, template) {
      const inMemory = cache.get(key);
      if (inMemory) return { card: inMemory, layer: 'memory' };
      const onDisk = await cache.find(key, format, template);
      if (onDisk) return { card: onDisk, layer: 'disk' };
      const bytes = await shared?.get(key);
      if (!bytes || !hasSignature(bytes, format)) return undefined;
      const card = toRenderedCard(bytes, format, key, template);
      await cache.store(card);
      return { card, layer: 'shared' };
    },
    async render(key, format, template, draw) {
      const bytes = shared ? await shared.renderOnce(key, draw) : await draw();
      const card = toRenderedCard(bytes, format, key, template);
      await cache.store(card);
      return card;
    },
    close: async () => {
      await shared?.close();
    },
  };
}
