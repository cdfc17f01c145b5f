import { join } from 'node:path';
import type { Logger } from 'pino';
import { type CardService, createCardService, createImageLoader } from '../cards/index.js';
import type { Config } from '../config.js';
import { FONTS_DIR } from './paths.js';

/** The card service exactly as the server runs it, for main.ts and the CLI alike (same fonts, cache and loader). */
export function createCardsFromConfig(
  config: Readonly<Config>,
  log: Logger,
  workers = config.cards.renderWorkers,
): Promise<CardService> {
  return createCardService({
    fontsDir: FONTS_DIR,
    imageLoader: createImageLoader({
      allow: config.cards.imageAllow,
      timeoutMs: config.cards.imageTimeoutMs,
      maxBytes: config.cards.imageMaxBytes,
    }),
    cacheDir: join(config.dataDir, 'cards'),
    cacheMaxBytes: config.cards.cacheMaxBytes,
    cacheDiskMaxBytes: config.cards.cacheDiskMaxBytes,
    workers,
    log,
  });
}
