import type { CardService } from '../../src/cards/index.js';
import * as sourceCards from '../../src/cards/index.js';
/**
 * syndicard's card service as the server builds it (src/setup/cards.ts), with the real guarded loader allowed to
 * reach 127.0.0.1 for the asset server, no disk cache (so every new content key is a real render), and counters:
 * photo loads (loader calls) and photo crops (sharp cover-resizes in this process: photo-processor.ts is the only
 * caller, render workers are other processes).
 */
export interface CountedCards {
    cards: CardService;
    loads(): number;
    crops(): number;
}
/** src/cards as loaded under tsx, or the same module compiled by tsc (whose workers then run without tsx). */
export type CardsModule = Pick<typeof sourceCards, 'createCardService' | 'createImageLoader' | 'loadFonts' | 'cardSpecForArticle'>;
export declare function createCountedCards(options: {
    workers: number;
    cacheMaxBytes?: number;
    module?: CardsModule;
}): Promise<CountedCards>;
