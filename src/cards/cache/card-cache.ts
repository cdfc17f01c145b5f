import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LRUCache } from 'lru-cache';
import { CARD_HEIGHT, CARD_WIDTH, type CardFormat, type CardTemplate, CONTENT_TYPES } from '../spec.js';
import { type ArenaBlock, type ArenaStats, type CardArenaOptions, createCardArena } from './card-arena.js';
import { createDiskBudget } from './disk-budget.js';

export interface RenderedCard {
  bytes: Buffer;
  format: CardFormat;
  contentType: string;
  width: typeof CARD_WIDTH;
  height: typeof CARD_HEIGHT;
  /** Content address (CardNaming.key): equal keys, equal bytes. */
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
  /** How the memory cache's arena is cut (tests). */
  arena?: CardArenaOptions;
}

export interface CardCache {
  /** Memory only; never touches the disk. */
  get(key: string): RenderedCard | undefined;
  /** Memory, then disk (a disk hit is promoted to memory). */
  find(key: string, format: CardFormat, template: CardTemplate): Promise<RenderedCard | undefined>;
  store(card: RenderedCard): Promise<void>;
  /**
   * A buffer for the bytes of a card about to be stored: in the arena when it has room (store then keeps those bytes
   * without copying them), else one of its own.
   */
  allocate(length: number): Buffer;
  /** Cards in memory, and where their bytes are (for tests and metrics). */
  stats(): { cards: number; inArena: number; arena: ArenaStats };
}

/**
 * A card in memory: its bytes in the arena (card-arena.ts), lent out as a fresh view on each hit, or, when the arena
 * had no room, in a buffer of their own.
 */
type Entry = { card: Omit<RenderedCard, 'bytes'>; block: ArenaBlock } | { card: RenderedCard; block?: undefined };

const DEFAULT_DISK_BYTES = 1024 * 1_048_576;
/** At ~80 KB a card, the oldest 32 hold ~2.5 MB: room for any card unless nearly all of them are lent out. */
const OLDEST_LOOKED_AT_FOR_ROOM = 32;

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
  const arena = createCardArena(options.maxBytes, options.arena);
  const memory = new LRUCache<string, Entry>({
    maxSize: options.maxBytes,
    sizeCalculation: (entry) => (entry.block ? entry.block.length : entry.card.bytes.length) + 256,
    // Evicted, deleted or replaced: the bytes go back to the arena once no response holds a view of them.
    dispose: (entry) => entry.block && arena.release(entry.block),
  });
  const get = (key: string): RenderedCard | undefined => {
    const entry = memory.get(key);
    if (!entry?.block) return entry?.card;
    return { ...entry.card, bytes: arena.lend(entry.block) };
  };
  /**
   * Tries `place` again after evicting cards whose blocks would be free at once (no view of them out), the least
   * recently used first, when the arena has no room. It fills with blocks the cache has let go of while views of them
   * were still reachable (a response's, or garbage a GC has not found yet) and with gaps between blocks; a card given
   * a buffer of its own instead is the external memory that makes V8 mark-compact. Only the oldest few cards are
   * looked at; past them the card gets its own buffer.
   */
  const makingRoom = <T>(place: () => T | undefined): T | undefined => {
    let placed = place();
    if (placed) return placed;
    let looked = 0;
    for (const key of memory.rkeys()) {
      if (++looked > OLDEST_LOOKED_AT_FOR_ROOM) break;
      const entry = memory.peek(key);
      if (!entry?.block || arena.viewed(entry.block)) continue;
      memory.delete(key);
      placed = place();
      if (placed) break;
    }
    return placed;
  };
  /** Memory keeps the card's bytes in the arena: those `allocate` gave as they are, others as a copy. */
  const remember = (card: RenderedCard): void => {
    const block = arena.adopt(card.bytes) ?? makingRoom(() => arena.put(card.bytes));
    if (!block) {
      memory.set(card.key, { card });
      return;
    }
    const { bytes: _bytes, ...rest } = card;
    memory.set(card.key, { card: rest, block });
  };
  const pathOf = (key: string, format: CardFormat) => join(dir ?? '', key.slice(0, 2), `${key}.${EXTENSIONS[format]}`);
  const budget = dir ? createDiskBudget({ dir, maxBytes: options.diskMaxBytes ?? DEFAULT_DISK_BYTES, log }) : undefined;

  return {
    get,
    // Not Buffer.allocUnsafe: a small card would be a slice of its shared 8 KB pool, kept alive by the cache.
    allocate: (length) => makingRoom(() => arena.alloc(length)) ?? Buffer.allocUnsafeSlow(length),
    async find(key, format, template) {
      const hit = get(key);
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
      remember(card);
      budget?.used(path);
      return card;
    },
    async store(card) {
      remember(card);
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
    stats() {
      let inArena = 0;
      for (const entry of memory.values()) if (entry.block) inArena++;
      return { cards: memory.size, inArena, arena: arena.stats() };
    },
  };
}

/** PNG's 8-byte signature (RFC 2083 §3.1) or JPEG's SOI marker followed by another marker. */
export function hasSignature(bytes: Buffer, format: CardFormat): boolean {
  if (format === 'png')
    return bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}
