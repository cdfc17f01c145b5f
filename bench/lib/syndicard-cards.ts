import { pino } from 'pino';
import sharp from 'sharp';
import type { CardService } from '../../src/cards/index.js';
import * as sourceCards from '../../src/cards/index.js';
import { FONTS_DIR } from '../../src/setup/paths.js';

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

let crops = 0;
let patched = false;

/** Counts cover-crops by wrapping sharp's resize once; bench-only instrumentation, src/ is not touched. */
function countCrops(): void {
  if (patched) return;
  patched = true;
  const proto = sharp.prototype as unknown as { resize: (...args: unknown[]) => unknown };
  const resize = proto.resize;
  proto.resize = function countedResize(this: unknown, ...args: unknown[]) {
    const options = args[2] as { fit?: string } | undefined;
    if (options?.fit === 'cover') crops++;
    return resize.apply(this, args);
  };
}

/** src/cards as loaded under tsx, or the same module compiled by tsc (whose workers then run without tsx). */
export type CardsModule = Pick<
  typeof sourceCards,
  'createCardService' | 'createImageLoader' | 'loadFonts' | 'cardSpecForArticle'
>;

export async function createCountedCards(options: {
  workers: number;
  cacheMaxBytes?: number;
  module?: CardsModule;
  /** SYNDICARD_RENDER_IDLE_MS: workers idle this long exit; absent, they stay (as before the setting). */
  renderIdleMs?: number;
}): Promise<CountedCards> {
  const { createCardService, createImageLoader, loadFonts } = options.module ?? sourceCards;
  countCrops();
  const loader = createImageLoader({ allow: ['127.0.0.1'], timeoutMs: 5000, maxBytes: 10 * 1_048_576 });
  let loads = 0;
  const cards = await createCardService({
    fontsDir: FONTS_DIR,
    fonts: await loadFonts(FONTS_DIR),
    imageLoader: {
      load(url, signal) {
        loads++;
        return loader.load(url, signal);
      },
    },
    cacheMaxBytes: options.cacheMaxBytes ?? 128 * 1_048_576,
    workers: options.workers,
    ...(options.renderIdleMs ? { renderIdleMs: options.renderIdleMs } : {}),
    log: pino({ level: 'warn' }),
  });
  const startCrops = crops;
  return { cards, loads: () => loads, crops: () => crops - startCrops };
}
