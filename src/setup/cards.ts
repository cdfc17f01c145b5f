import { join } from 'node:path';
import {
  type CardObserver,
  type CardService,
  type CardServiceLog,
  createCardService,
  createImageLoader,
  createSharedCardCache,
  MEDIA_DIR,
} from '../cards/index.js';
import { type Config, listenOrigin } from '../config.js';
import { FONTS_DIR } from './paths.js';

export interface CardsOptions {
  /** Renderer processes; SYNDICARD_RENDER_WORKERS by default; 0 draws in this process (one-shot commands). */
  workers?: number;
  /** Keep rendered cards under DATA_DIR/cards (the server); the CLI renders without touching the data directory. */
  diskCache?: boolean;
  /** Metrics hooks (src/http/metrics.ts). */
  observer?: CardObserver;
}

/** The card service exactly as the server runs it, for main.ts and the CLI alike (same fonts, loader and cards). */
export function createCardsFromConfig(
  config: Readonly<Config>,
  log: CardServiceLog,
  { workers = config.cards.renderWorkers, diskCache = true, observer }: CardsOptions = {},
): Promise<CardService> {
  return createCardService({
    fontsDir: FONTS_DIR,
    imageLoader: createImageLoader({
      allow: config.cards.imageAllow,
      timeoutMs: config.cards.imageTimeoutMs,
      maxBytes: config.cards.imageMaxBytes,
      ownMedia: { origins: ownOrigins(config), dir: MEDIA_DIR },
    }),
    ...(diskCache ? { cacheDir: join(config.dataDir, 'cards') } : {}),
    cacheMaxBytes: config.cards.cacheMaxBytes,
    cacheDiskMaxBytes: config.cards.cacheDiskMaxBytes,
    workers,
    renderIdleMs: config.cards.renderIdleMs,
    retryUnavailableMs: config.cards.photoRetryMs,
    retryUnavailableMaxMs: config.cards.photoRetryMaxMs,
    log,
    observer,
    // Cards shared with the other instances (the server's; a CLI run renders on its own).
    ...(config.redis.url && diskCache
      ? {
          shared: createSharedCardCache({
            url: config.redis.url,
            prefix: config.redis.prefix,
            ttlSeconds: config.redis.cardTtlSeconds,
            log,
          }),
        }
      : {}),
  });
}

/** The origins that are this service: its public URL and the address it listens on (they differ behind a proxy). */
function ownOrigins(config: Readonly<Config>): string[] {
  const origins = [new URL(config.baseUrl).origin, new URL(listenOrigin(config.host, config.port)).origin];
  return [...new Set(origins)];
}
