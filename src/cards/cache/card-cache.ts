import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LRUCache } from 'lru-cache';
import { CARD_HEIGHT, CARD_WIDTH, type CardFormat, type CardTemplate, CONTENT_TYPES } from '../spec.js';
import { createDiskBudget } from './disk-budget.js';

export interface RenderedCard {
  bytes: Buffer;
  format: CardFormat;
  contentType: string;
  width: typeof CARD_WIDTH;
  height: typeof CARD_HEIGHT;
  /** Content address (cardKey): equal keys, equal bytes. */
  key: string;
  /** Strong validator, quoted (RFC 9110 §8.8.3): the key, since the bytes are a pure function of it. */
  etag: string;
  /** The template actually drawn: `plain` when a photo card's photo could not be had. */
  template: CardTemplate;
}

export interface CardCacheOptions {
  maxBytes: number;
  /** Directory for cards that survive restarts; none means memory only. */
  dir: string | undefined;
  /** Byte budget of the directory; the least recently used cards are removed past it. */
  diskMaxBytes?: number;
  log: { warn(obj: object, msg?: string): void };
}

export interface CardCache {
  /** Memory only; never touches the disk. */
  get(key: string): RenderedCard | undefined;
  /** Memory, then disk (a disk hit is promoted to memory). */
  find(key: string, format: CardFormat, template: CardTemplate): Promise<RenderedCard | undefined>;
  store(card: RenderedCard): Promise<void>;
}

const DEFAULT_DISK_BYTES = 1024 * 1_048_576;

const EXTENSIONS: Readonly<Record<CardFormat, string>> = { png: 'png', jpeg: 'jpg' };

export function toRenderedCard(bytes: Buffer, format: CardFormat, key: string, template: CardTemplate): RenderedCard {
  return {
    bytes,
    format,
    contentType: CONTENT_TYPES[format],
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
    key,
    etag: `"${key}"`,
    template,
  };
}

/**
 * Cards by content key: an LRU in memory bounded in bytes, over files in `dir` (`<2 chars>/<key>.<ext>`) written to
 * a temporary name and renamed into place, so a crash never leaves a half-written card to be served. The disk is a
 * cache: its failures are logged and the card is rendered (or served from memory) all the same.
 */
export function createCardCache(options: CardCacheOptions): CardCache {
  const { dir, log } = options;
  const memory = new LRUCache<string, RenderedCard>({
    maxSize: options.maxBytes,
    sizeCalculation: (card) => card.bytes.length + 256,
  });
  const pathOf = (key: string, format: CardFormat) => join(dir ?? '', key.slice(0, 2), `${key}.${EXTENSIONS[format]}`);
  const budget = dir ? createDiskBudget({ dir, maxBytes: options.diskMaxBytes ?? DEFAULT_DISK_BYTES, log }) : undefined;

  return {
    get: (key) => memory.get(key),
    async find(key, format, template) {
      const hit = memory.get(key);
      if (hit || !dir) return hit;
      const path = pathOf(key, format);
      let bytes: Buffer;
      try {
        bytes = await readFile(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
          log.warn({ err: error, path }, 'card cache file unreadable');
        return undefined;
      }
      if (!hasSignature(bytes, format)) {
        log.warn({ path, bytes: bytes.length }, `card cache file is not a ${format}; rendering it again`);
        return undefined;
      }
      const card = toRenderedCard(bytes, format, key, template);
      memory.set(key, card);
      budget?.used(path);
      return card;
    },
    async store(card) {
      memory.set(card.key, card);
      if (!dir) return;
      const path = pathOf(card.key, card.format);
      const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await mkdir(join(dir, card.key.slice(0, 2)), { recursive: true });
        await writeFile(temporary, card.bytes);
        await rename(temporary, path);
        await budget?.added(path, card.bytes.length);
      } catch (error) {
        log.warn({ err: error, path }, 'card could not be written to the disk cache');
        await rm(temporary, { force: true }).catch((cause: unknown) =>
          log.warn({ err: cause, path: temporary }, 'temporary card file could not be removed'),
        );
      }
    },
  };
}

/** PNG's 8-byte signature (RFC 2083 §3.1) or JPEG's SOI marker followed by another marker. */
export function hasSignature(bytes: Buffer, format: CardFormat): boolean {
  if (format === 'png')
    return bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}
