import { MemPool } from '@thi.ng/malloc';

/**
 * Where the memory cache keeps card bytes: in a few large chunks, each one ArrayBuffer with an allocator over it
 * (@thi.ng/malloc's MemPool: first fit, freed neighbours merged), instead of one ArrayBuffer per card.
 *
 * Why (issue 11, bench 4): V8 counts ArrayBuffer memory allocated since the last mark-compact against the old
 * generation's room (Heap::OldGenerationSpaceAvailable), so a cache taking in ~80 KB cards made the main process run
 * a full mark-compact every ~10 MB of new cards, about every 120 (`--trace-gc`: "Start (task)" with the heap at 17 of
 * its 40 MB limit): ~0.13 ms of CPU per card rendered with its marking threads, and with two workers on two cores
 * every millisecond of the main process is taken from a worker. Chunks are allocated once and reused, so new cards
 * add no external memory and cause no mark-compacts (docs/performance.md, "Card cache: bytes in chunks").
 *
 * What makes reuse safe: a block's bytes leave only as views (`lend`), each registered with a FinalizationRegistry,
 * and a block the cache lets go of returns to its chunk only once every view of it has been collected. A response
 * still writing a card to a slow client holds its view (Node keeps the chunk it writes until the write completes),
 * so those bytes are never overwritten under it. The rule for callers: keep the view itself for as long as the bytes
 * are used, not only a `subarray` of it.
 */
export interface CardArena {
  /**
   * A buffer of `length` bytes in a free block, for a card about to be read (card-slots.ts reads straight into it);
   * undefined when no chunk has room. The block is the view's until `adopt` gives it to the cache.
   */
  alloc(length: number): Buffer | undefined;
  /** The cache keeps the bytes of a view `alloc` or `lend` gave; undefined if it is not one (or already kept). */
  adopt(view: Uint8Array): ArenaBlock | undefined;
  /** Copies `bytes` into a free block the cache keeps; undefined when no chunk has room. */
  put(bytes: Uint8Array): ArenaBlock | undefined;
  /** A view of a kept block's bytes; the block is not reused while the view is reachable. */
  lend(block: ArenaBlock): Buffer;
  /** The cache no longer keeps the block: it is reused once no view of it is reachable. */
  release(block: ArenaBlock): void;
  stats(): ArenaStats;
}

export interface ArenaBlock {
  readonly length: number;
}

export interface ArenaStats {
  chunks: number;
  chunkBytes: number;
  /** Blocks in use: kept by the cache, or with a view still reachable. */
  blocks: number;
  /** Of those, blocks the cache does not keep, waiting for their views to be collected. */
  waiting: number;
}

interface Chunk {
  buffer: ArrayBuffer;
  pool: MemPool;
}

interface Block extends ArenaBlock {
  chunk: Chunk;
  address: number;
  /** Views handed out and not yet collected. */
  views: number;
  /** The cache keeps it. */
  kept: boolean;
  freed: boolean;
}

const MIN_CHUNK = 1_048_576;
const MAX_CHUNK = 32 * 1_048_576;
/** Room past the byte budget for what first fit cannot use and for released blocks whose views are still out. */
const SLACK = 1.25;

/**
 * An arena for a cache of `maxBytes`: chunks of a quarter of the budget with slack (1–32 MiB), allocated as cards
 * arrive, up to 1.25× the budget in all. A chunk costs address space until cards are written to it: `new
 * ArrayBuffer` is calloc(3), whose large blocks are fresh mmap(2) pages the kernel backs only when touched.
 */
export function createCardArena(maxBytes: number): CardArena {
  const room = Math.ceil(maxBytes * SLACK);
  const chunkBytes = Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, roundUp(Math.ceil(room / 4), 4096)));
  const maxChunks = Math.max(1, Math.ceil(room / chunkBytes));
  const chunks: Chunk[] = [];
  let blocks = 0;
  let kept = 0;
  const owners = new WeakMap<Uint8Array, Block>();
  const registry = new FinalizationRegistry<Block>((block) => {
    block.views--;
    settle(block);
  });

  /** A block neither kept nor viewed goes back to its chunk. */
  function settle(block: Block): void {
    if (block.kept || block.views > 0 || block.freed) return;
    block.freed = true;
    blocks--;
    block.chunk.pool.free(block.address);
  }

  function allocate(length: number): Block | undefined {
    // A card over half a chunk would leave the rest of it to smaller ones; it keeps a buffer of its own instead.
    if (length <= 0 || length > chunkBytes / 2) return undefined;
    let chunk: Chunk | undefined;
    let address = 0;
    for (const candidate of chunks) {
      address = candidate.pool.malloc(length);
      if (address) {
        chunk = candidate;
        break;
      }
    }
    if (!chunk && chunks.length < maxChunks) {
      const buffer = new ArrayBuffer(chunkBytes);
      chunk = { buffer, pool: new MemPool({ buf: buffer, align: 8 }) };
      chunks.push(chunk);
      address = chunk.pool.malloc(length);
    }
    if (!chunk || !address) return undefined;
    blocks++;
    return { chunk, address, length, views: 0, kept: false, freed: false };
  }

  function view(block: Block): Buffer {
    const bytes = Buffer.from(block.chunk.buffer, block.address, block.length);
    block.views++;
    owners.set(bytes, block);
    registry.register(bytes, block);
    return bytes;
  }

  return {
    alloc(length) {
      const block = allocate(length);
      return block && view(block);
    },
    adopt(bytes) {
      const block = owners.get(bytes);
      if (!block || block.kept || block.freed) return undefined;
      block.kept = true;
      kept++;
      return block;
    },
    put(bytes) {
      const block = allocate(bytes.byteLength);
      if (!block) return undefined;
      new Uint8Array(block.chunk.buffer, block.address, block.length).set(bytes);
      block.kept = true;
      kept++;
      return block;
    },
    lend(block) {
      const own = block as Block;
      if (!own.kept) throw new Error('expected a block the cache keeps, got one it let go');
      return view(own);
    },
    release(block) {
      const own = block as Block;
      if (!own.kept) return;
      own.kept = false;
      kept--;
      settle(own);
    },
    stats: () => ({ chunks: chunks.length, chunkBytes, blocks, waiting: blocks - kept }),
  };
}

function roundUp(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}
