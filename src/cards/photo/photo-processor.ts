import { LRUCache } from 'lru-cache';
import { CARD_HEIGHT, CARD_WIDTH } from '../spec.js';
import type { CardLogo } from '../templates/index.js';
import { applyScrim } from './photo-scrim.js';

/** A photo cover-cropped to the card, scrim baked in, encoded compactly to travel to a render worker. */
export interface ProcessedPhoto {
  sha256: string;
  /** 1200×630 JPEG at high quality; the worker decodes it (~5 ms) rather than receive 2.3 MB of raw pixels. */
  jpeg: Buffer;
}

interface ProcessedLogo extends CardLogo {
  sha256: string;
}

export interface PhotoProcessor {
  photo(sha256: string, bytes: Buffer): Promise<ProcessedPhoto>;
  logo(sha256: string, bytes: Buffer): Promise<ProcessedLogo>;
  /** The photo already processed from bytes with this SHA-256, if still cached: no fetch, no decode. */
  cachedPhoto(sha256: string): ProcessedPhoto | undefined;
  cachedLogo(sha256: string): ProcessedLogo | undefined;
}

const LOGO_BOX = { width: 320, height: 56 };

/**
 * Decodes and crops photos with sharp (libvips runs on libuv's thread pool, off the event loop), once per photo:
 * results are kept in an LRU keyed by the photo bytes' SHA-256 and bounded in bytes; concurrent requests for the
 * same photo share one decode.
 */
export function createPhotoProcessor(maxBytes = 48 * 1_048_576): PhotoProcessor {
  const cache = new LRUCache<string, ProcessedPhoto | ProcessedLogo>({
    maxSize: maxBytes,
    sizeCalculation: (value) => ('jpeg' in value ? value.jpeg.length : value.dataUri.length) + 100,
  });
  const pending = new Map<string, Promise<ProcessedPhoto | ProcessedLogo>>();

  function once<T extends ProcessedPhoto | ProcessedLogo>(key: string, make: () => Promise<T>): Promise<T> {
    const hit = cache.get(key) ?? pending.get(key);
    if (hit) return Promise.resolve(hit as T);
    const promise = make()
      .then((value) => {
        cache.set(key, value);
        return value;
      })
      .finally(() => pending.delete(key));
    pending.set(key, promise);
    return promise;
  }

  return {
    photo: (sha256, bytes) => once(`photo:${sha256}`, () => cropPhoto(sha256, bytes)),
    logo: (sha256, bytes) => once(`logo:${sha256}`, () => fitLogo(sha256, bytes)),
    cachedPhoto: (sha256) => cache.get(`photo:${sha256}`) as ProcessedPhoto | undefined,
    cachedLogo: (sha256) => cache.get(`logo:${sha256}`) as ProcessedLogo | undefined,
  };
}

let sharpLoaded: Promise<typeof import('sharp').default> | undefined;

/**
 * sharp, loaded when the first photo or logo is processed: a text card never needs it in this process, and loading
 * it cost every start ~100 ms (issue 11, the CLI's cold start).
 */
function loadSharp(): Promise<typeof import('sharp').default> {
  sharpLoaded ??= import('sharp').then(({ default: sharp }) => {
    // This process's only sharp work is here, and it never repeats an operation (results are cached by the
    // processor): libvips's operation cache (50 MB by default) would only keep decoded photos resident.
    sharp.cache(false);
    return sharp;
  });
  return sharpLoaded;
}

export async function cropPhoto(sha256: string, bytes: Buffer): Promise<ProcessedPhoto> {
  const sharp = await loadSharp();
  // rotate() applies the EXIF orientation; flatten() puts transparent PNG/WebP/GIF pixels on black, like the scrim.
  const { data, info } = await sharp(bytes, { failOn: 'error' })
    .rotate()
    .resize(CARD_WIDTH, CARD_HEIGHT, { fit: 'cover', position: sharp.strategy.attention })
    .flatten({ background: '#000000' })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.width !== CARD_WIDTH || info.height !== CARD_HEIGHT || info.channels !== 3) {
    throw new Error(`cropped photo is ${info.width}×${info.height}×${info.channels}, expected 1200×630×3`);
  }
  const jpeg = await sharp(applyScrim(data), { raw: { width: CARD_WIDTH, height: CARD_HEIGHT, channels: 3 } })
    .jpeg({ quality: 94, chromaSubsampling: '4:4:4' })
    .toBuffer();
  return { sha256, jpeg };
}

async function fitLogo(sha256: string, bytes: Buffer): Promise<ProcessedLogo> {
  const sharp = await loadSharp();
  const { data, info } = await sharp(bytes, { failOn: 'error' })
    .rotate()
    .resize(LOGO_BOX.width, LOGO_BOX.height, { fit: 'inside' })
    .png()
    .toBuffer({ resolveWithObject: true });
  return {
    sha256,
    dataUri: `data:image/png;base64,${data.toString('base64')}`,
    width: info.width,
    height: info.height,
  };
}
