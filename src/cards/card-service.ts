import { LRUCache } from 'lru-cache';
import {
  createCardCache,
  hasSignature,
  type RenderedCard,
  type SharedCardCache,
  toRenderedCard,
} from './cache/index.js';
import { type LoadedFonts, loadFonts } from './fonts/index.js';
import { createPhotoProcessor, createPhotoRetry, type ImageLoader, imageFailureLog } from './photo/index.js';
import { createRenderPool, type RenderJob } from './render/index.js';
import type { CardFormat, CardSpec, CardTemplate } from './spec.js';
import { cardKey, cardVersion } from './version.js';

export interface CardServiceLog {
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface CardServiceDeps {
  fontsDir: string;
  /** Fonts already loaded (else read from fontsDir). */
  fonts?: LoadedFonts;
  imageLoader: ImageLoader;
  /** Directory of the disk cache, e.g. `<dataDir>/cards`; none keeps cards in memory only. */
  cacheDir?: string;
  cacheMaxBytes: number;
  /** Byte budget of the disk cache; 1 GiB by default. */
  cacheDiskMaxBytes?: number;
  workers: number;
  /** Per render, once a worker has the job; 10 s by default. */
  renderTimeoutMs?: number;
  log: CardServiceLog;
  observer?: CardObserver;
  /** How long a photo or logo that could not be loaded is drawn without before it is tried again; 60 s by default. */
  retryUnavailableMs?: number;
  /** Longest wait between two tries of a photo that keeps failing (backoff doubles up to it); 5 min by default. */
  retryUnavailableMaxMs?: number;
  /** Cards shared with other instances (Redis), rendered once for all of them; closed with the service. */
  shared?: SharedCardCache;
}

export interface CardServiceStats {
  renders: number;
  memoryHits: number;
  diskHits: number;
  photoFallbacks: number;
  /** Cards waiting for a free renderer now. */
  queued: number;
  /** Renderer processes started so far, replacements of crashed ones included. */
  workersStarted: number;
}

/** Hooks for metrics (src/http/metrics.ts): called after each render and each photo or logo fetch. */
export interface CardObserver {
  rendered(event: { template: CardTemplate; seconds: number; outcome: 'ok' | 'failed' }): void;
  assetLoaded(event: { what: 'photo' | 'logo'; seconds: number; outcome: string }): void;
}

/** Where a card came from, for the request log: filled in by render() when the caller passes one. */
export interface CardSource {
  source?: 'memory' | 'disk' | 'shared' | 'render' | 'joined';
}

export interface CardService {
  readonly fontsHash: string;
  version(spec: CardSpec): string;
  /** Cached by content key; concurrent calls for the same card share one render. `info` learns where it came from. */
  render(spec: CardSpec, format: CardFormat, info?: CardSource): Promise<RenderedCard>;
  /** Memory cache only: never renders or fetches (for HEAD). */
  peek(spec: CardSpec, format: CardFormat): RenderedCard | undefined;
  /**
   * Why a photo card would be drawn without its photo now: the photo failed and is waiting for its next try
   * (`permanent` when retrying cannot help until the record changes). Undefined when nothing is known to be wrong.
   */
  photoFailure(spec: CardSpec): { permanent: boolean; retryAfterSeconds: number } | undefined;
  stats(): CardServiceStats;
  /** Kills the render workers. */
  close(): Promise<void>;
}

const UNAVAILABLE = 'unavailable';
/** How long a loaded photo's hash is trusted before the URL is fetched again to see whether the photo changed. */
const KNOWN_PHOTO_TTL_MS = 10 * 60_000;

interface Asset {
  sha256: string;
  bytes: Buffer | undefined;
}

export async function createCardService(deps: CardServiceDeps): Promise<CardService> {
  const { imageLoader, log } = deps;
  const fonts = deps.fonts ?? (await loadFonts(deps.fontsDir));
  const pool = createRenderPool({
    fonts: fonts.fonts,
    catalog: fonts.catalog,
    workers: deps.workers,
    timeoutMs: deps.renderTimeoutMs ?? 10_000,
    log,
  });
  const processor = createPhotoProcessor();
  const cache = createCardCache({
    maxBytes: deps.cacheMaxBytes,
    dir: deps.cacheDir,
    diskMaxBytes: deps.cacheDiskMaxBytes,
    log,
  });
  // Image URL → SHA-256 of its bytes (or UNAVAILABLE): lets a cached card be found without fetching its photo.
  const known = new LRUCache<string, string>({ max: 10_000, ttl: KNOWN_PHOTO_TTL_MS });
  const retry = createPhotoRetry({
    baseMs: deps.retryUnavailableMs ?? 5_000,
    maxMs: deps.retryUnavailableMaxMs ?? 300_000,
  });
  const unavailable = (url: string, error: unknown, permanent?: boolean) =>
    known.set(url, UNAVAILABLE, { ttl: retry.failed(url, error, permanent ? { permanent } : {}) });
  const inflight = new Map<string, Promise<RenderedCard>>();
  const counters = { memoryHits: 0, diskHits: 0, photoFallbacks: 0 };

  async function loadAsset(url: string, what: 'photo' | 'logo'): Promise<Asset | undefined> {
    const started = performance.now();
    const observe = (outcome: string) =>
      deps.observer?.assetLoaded({ what, outcome, seconds: (performance.now() - started) / 1000 });
    try {
      const image = await imageLoader.load(url);
      known.set(url, image.sha256);
      retry.succeeded(url);
      observe('ok');
      return { sha256: image.sha256, bytes: image.bytes };
    } catch (error) {
      observe((error as { code?: string }).code ?? 'failed');
      unavailable(url, error);
      log.warn(...imageFailureLog(error, url, what));
      return undefined;
    }
  }

  /** The asset by its remembered hash (bytes fetched only if the card must be drawn), else loaded now. */
  async function resolveAsset(url: string | undefined, what: 'photo' | 'logo'): Promise<Asset | undefined> {
    if (!url) return undefined;
    const sha256 = known.get(url);
    if (sha256 === UNAVAILABLE) return undefined;
    if (sha256) return { sha256, bytes: undefined };
    return loadAsset(url, what);
  }

  async function produce(spec: CardSpec, format: CardFormat, info: CardSource): Promise<RenderedCard> {
    const wantsPhoto = spec.template === 'photo' && Boolean(spec.photoUrl);
    let photo = wantsPhoto ? await resolveAsset(spec.photoUrl, 'photo') : undefined;
    let logo = await resolveAsset(spec.logoUrl, 'logo');
    let template: CardTemplate = photo ? 'photo' : 'plain';
    let key = keyFor(spec, template, photo, logo, format);
    const cached = await lookup(key, format, template, info);
    if (cached) return cached;

    // To draw the card, the processed photo and logo must be here. One known only by hash is taken from the
    // processor's cache when it holds that hash (the card key already trusts the hash for KNOWN_PHOTO_TTL_MS), and
    // fetched again only on a miss (it may have changed since).
    const job: RenderJob = { spec, template: 'plain', format };
    if (photo) {
      job.photo = processor.cachedPhoto(photo.sha256);
      if (!job.photo && !photo.bytes) photo = await loadAsset(spec.photoUrl!, 'photo');
    }
    if (photo?.bytes && !job.photo) {
      try {
        job.photo = await processor.photo(photo.sha256, photo.bytes);
      } catch (error) {
        unavailable(spec.photoUrl!, error, true);
        log.warn({ err: error, url: spec.photoUrl }, 'card photo could not be decoded; drawing the plain card');
        photo = undefined;
      }
    }
    if (logo) {
      const ready = processor.cachedLogo(logo.sha256);
      if (ready) job.logo = { dataUri: ready.dataUri, width: ready.width, height: ready.height };
      else if (!logo.bytes) logo = await loadAsset(spec.logoUrl!, 'logo');
    }
    if (logo?.bytes && !job.logo) {
      try {
        const { dataUri, width, height } = await processor.logo(logo.sha256, logo.bytes);
        job.logo = { dataUri, width, height };
      } catch (error) {
        unavailable(spec.logoUrl!, error, true);
        log.warn({ err: error, url: spec.logoUrl }, 'card logo could not be decoded; drawing the site name');
        logo = undefined;
      }
    }
    template = job.photo ? 'photo' : 'plain';
    job.template = template;
    if (wantsPhoto && !job.photo) counters.photoFallbacks++;
    key = keyFor(spec, template, photo, logo, format);
    const again = await lookup(key, format, template, info);
    if (again) return again;

    info.source = 'render';
    const started = performance.now();
    const observe = (outcome: 'ok' | 'failed') =>
      deps.observer?.rendered({ template, outcome, seconds: (performance.now() - started) / 1000 });
    const draw = async () => {
      const result = await pool.render(job).catch((error: unknown) => {
        observe('failed');
        throw error;
      });
      observe('ok');
      return result.bytes;
    };
    const bytes = deps.shared ? await deps.shared.renderOnce(key, draw) : await draw();
    const card = toRenderedCard(bytes, format, key, template);
    await cache.store(card);
    return card;
  }

  async function lookup(key: string, format: CardFormat, template: CardTemplate, info: CardSource) {
    const inMemory = cache.get(key);
    if (inMemory) {
      counters.memoryHits++;
      info.source = 'memory';
      return inMemory;
    }
    const onDisk = await cache.find(key, format, template);
    if (onDisk) {
      counters.diskHits++;
      info.source = 'disk';
    }
    if (onDisk || !deps.shared) return onDisk;
    const shared = await deps.shared.get(key);
    if (!shared || !hasSignature(shared, format)) return undefined;
    info.source = 'shared';
    const card = toRenderedCard(shared, format, key, template);
    await cache.store(card);
    return card;
  }

  function keyFor(spec: CardSpec, template: CardTemplate, photo?: Asset, logo?: Asset, format: CardFormat = 'png') {
    return cardKey({
      spec,
      fontsHash: fonts.hash,
      template,
      photoSha256: photo?.sha256,
      logoSha256: logo?.sha256,
      format,
    });
  }

  function flightKey(spec: CardSpec, format: CardFormat): string {
    return `${cardVersion(spec, fonts.hash)}:${format}`;
  }

  return {
    fontsHash: fonts.hash,
    version: (spec) => cardVersion(spec, fonts.hash),
    render(spec, format, info = {}) {
      const id = flightKey(spec, format);
      const running = inflight.get(id);
      if (running) {
        info.source = 'joined';
        return running;
      }
      const promise = produce(spec, format, info).finally(() => inflight.delete(id));
      inflight.set(id, promise);
      return promise;
    },
    peek(spec, format) {
      const photoSha =
        spec.template === 'photo' && spec.photoUrl ? known.get(spec.photoUrl, { allowStale: true }) : undefined;
      if (spec.template === 'photo' && spec.photoUrl && !photoSha) return undefined;
      const logoSha = spec.logoUrl ? known.get(spec.logoUrl, { allowStale: true }) : undefined;
      if (spec.logoUrl && !logoSha) return undefined;
      const photo = photoSha && photoSha !== UNAVAILABLE ? { sha256: photoSha, bytes: undefined } : undefined;
      const logo = logoSha && logoSha !== UNAVAILABLE ? { sha256: logoSha, bytes: undefined } : undefined;
      const card = cache.get(keyFor(spec, photo ? 'photo' : 'plain', photo, logo, format));
      if (card) counters.memoryHits++;
      return card;
    },
    photoFailure(spec) {
      if (spec.template !== 'photo' || !spec.photoUrl) return undefined;
      const failure = retry.get(spec.photoUrl);
      if (!failure) return undefined;
      const retryAfterSeconds = Math.max(1, Math.ceil((failure.retryAt - Date.now()) / 1000));
      return { permanent: failure.permanent, retryAfterSeconds };
    },
    stats: () => {
      const { renders, queued, spawned } = pool.stats();
      return { renders, queued, workersStarted: spawned, ...counters };
    },
    async close() {
      await pool.close();
      await deps.shared?.close();
    },
  };
}
