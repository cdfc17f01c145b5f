import { LRUCache } from 'lru-cache';
import type { CardLogo } from '../templates/index.js';
import { imageFailureLog } from './image-errors.js';
import type { ImageLoader } from './image-loader.js';
import { createPhotoProcessor, type ProcessedPhoto } from './photo-processor.js';
import { createPhotoRetry } from './photo-retry.js';

/**
 * The one owner of what the main process knows about a card's photo and logo: which content (SHA-256) a URL holds,
 * which URLs failed and when to try them again, and the processed (cropped, scrimmed) assets by content. The card
 * service asks it for an asset's identity (for the card key) and, only when the card must be drawn, for the
 * processed asset; it never fetches, decodes or remembers a photo itself.
 */

export type AssetKind = 'photo' | 'logo';

/** A photo or logo by content; `bytes` only when it was fetched for this request. */
export interface AssetRef {
  sha256: string;
  bytes: Buffer | undefined;
}

/** What the resolver remembers of a URL without fetching it: its content hash, that it failed, or nothing yet. */
export type KnownAsset = { sha256: string } | 'unavailable' | undefined;

export interface AssetResolverOptions {
  imageLoader: ImageLoader;
  log: { warn(obj: object, msg?: string): void };
  /** Called after each fetch, for metrics (`outcome` is `ok` or the error's code). */
  observe?: (event: { what: AssetKind; seconds: number; outcome: string }) => void;
  /** First wait before a failed URL is tried again (doubling up to `retryMaxMs`). */
  retryBaseMs: number;
  retryMaxMs: number;
}

/**
 * An answer given at once when it is in memory, a promise only when it must be fetched or processed: a card whose
 * photo is known is named and drawn without waiting on a promise for it (card-service.ts).
 */
export type Answer<T> = T | Promise<T>;

export interface AssetResolver {
  /** The asset's identity: remembered for a while, else fetched now; undefined while it cannot be had. */
  identify(url: string | undefined, what: AssetKind): Answer<AssetRef | undefined>;
  /** What is remembered of the URL, stale entries included; never fetches (for HEAD). */
  known(url: string): KnownAsset;
  /**
   * The processed photo to draw: by content from the processed cache, else fetched again (it may have changed since
   * it was identified) and cropped. Undefined, and remembered as failed, when it cannot be had or decoded.
   */
  photo(url: string, ref: AssetRef): Answer<ProcessedPhoto | undefined>;
  /** The processed logo to draw, as photo() does; `sha256` is the content actually drawn (for the card key). */
  logo(url: string, ref: AssetRef): Answer<(CardLogo & { sha256: string }) | undefined>;
  /** Why the URL is not drawn now, and when it is tried again; undefined when nothing is known to be wrong. */
  failure(url: string): { permanent: boolean; retryAfterSeconds: number } | undefined;
}

const UNAVAILABLE = 'unavailable';
/** How long a loaded asset's hash is trusted before the URL is fetched again to see whether the content changed. */
const KNOWN_ASSET_TTL_MS = 10 * 60_000;

/** A processed logo as the card draws it, and the content it came from (for the card key). */
const drawnLogo = (logo: (CardLogo & { sha256: string }) | undefined) =>
  logo && { sha256: logo.sha256, dataUri: logo.dataUri, width: logo.width, height: logo.height };

export function createAssetResolver(options: AssetResolverOptions): AssetResolver {
  const { imageLoader, log } = options;
  const processor = createPhotoProcessor();
  // URL → SHA-256 of its bytes (or UNAVAILABLE): lets a cached card be found without fetching its photo. Entries'
  // ages are read from the clock each time (ttlResolution 0): lru-cache's default keeps the time for 1 ms with a 1 ms
  // timer, started by nearly every photo card at bench 4's rate, and each woke the event loop once more for nothing.
  const hashes = new LRUCache<string, string>({ max: 10_000, ttl: KNOWN_ASSET_TTL_MS, ttlResolution: 0 });
  const retry = createPhotoRetry({ baseMs: options.retryBaseMs, maxMs: options.retryMaxMs });
  const unavailable = (url: string, error: unknown, permanent?: boolean) =>
    hashes.set(url, UNAVAILABLE, { ttl: retry.failed(url, error, permanent ? { permanent } : {}) });

  async function load(url: string, what: AssetKind): Promise<AssetRef | undefined> {
    const started = performance.now();
    const observe = (outcome: string) =>
      options.observe?.({ what, outcome, seconds: (performance.now() - started) / 1000 });
    try {
      const image = await imageLoader.load(url);
      hashes.set(url, image.sha256);
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

  /** The processed asset by content if cached, else from `ref`'s bytes or a new fetch; failures remembered. */
  function processed<T>(
    url: string,
    ref: AssetRef,
    what: AssetKind,
    cached: (sha256: string) => T | undefined,
    make: (sha256: string, bytes: Buffer) => Promise<T>,
  ): Answer<T | undefined> {
    return cached(ref.sha256) ?? processAnew(url, ref, what, make);
  }

  async function processAnew<T>(
    url: string,
    ref: AssetRef,
    what: AssetKind,
    make: (sha256: string, bytes: Buffer) => Promise<T>,
  ): Promise<T | undefined> {
    const asset = ref.bytes ? ref : await load(url, what);
    if (!asset?.bytes) return undefined;
    try {
      return await make(asset.sha256, asset.bytes);
    } catch (error) {
      unavailable(url, error, true);
      const fallback = what === 'photo' ? 'drawing the plain card' : 'drawing the site name';
      log.warn({ err: error, url }, `card ${what} could not be decoded; ${fallback}`);
      return undefined;
    }
  }

  return {
    identify(url, what) {
      if (!url) return undefined;
      const sha256 = hashes.get(url);
      if (sha256 === UNAVAILABLE) return undefined;
      if (sha256) return { sha256, bytes: undefined };
      return load(url, what);
    },
    known(url) {
      const sha256 = hashes.get(url, { allowStale: true });
      if (sha256 === undefined) return undefined;
      return sha256 === UNAVAILABLE ? UNAVAILABLE : { sha256 };
    },
    photo: (url, ref) => processed(url, ref, 'photo', processor.cachedPhoto, processor.photo),
    logo(url, ref) {
      const logo = processed(url, ref, 'logo', processor.cachedLogo, processor.logo);
      return logo instanceof Promise ? logo.then(drawnLogo) : drawnLogo(logo);
    },
    failure(url) {
      const failure = retry.get(url);
      if (!failure) return undefined;
      const retryAfterSeconds = Math.max(1, Math.ceil((failure.retryAt - Date.now()) / 1000));
      return { permanent: failure.permanent, retryAfterSeconds };
    },
  };
}
