import { MemPool } from '@thi.ng/malloc';

/**
 * Where the memory cache keeps card bytes: in pools of 4 MiB carved from a few large ArrayBuffers, each pool with an
 * allocator over it (@thi.ng/malloc's MemPool: first fit, freed neighbours merged), instead of one ArrayBuffer per
 * card.
 *
 * Why (issue 11, bench 4): V8 counts ArrayBuffer memory allocated since the last mark-compact against the old
 * generation's room (Heap::OldGenerationSpaceAvailable), so a cache taking in ~80 KB cards made the main process run
 * a full mark-compact every ~10 MB of new cards, about every 120 (`--trace-gc`: "Start (task)" with the heap at 17 of
 * its 40 MB limit): ~0.13 ms of CPU per card rendered with its marking threads, and with two workers on two cores
 * every millisecond of the main process is taken from a worker. Regions are allocated once and reused, so new cards
 * add no external memory and cause no mark-compacts (docs/performance.md, "Card cache: card bytes in an arena …").
 *
 * What makes reuse safe: a block's bytes leave only as views (`lend`), each registered with a FinalizationRegistry,
 * and a block the cache lets go of returns to its pool only once every view of it has been collected. A response
 * still writing a card to a slow client holds its view (Node keeps the chunk it writes until the write completes),
 * so those bytes are never overwritten under it. The rule for callers: keep the view itself for as long as the bytes
 * are used, not only a `subarray` of it.
 */
export interface CardArena {
  /**
   * A buffer of `length` bytes in a free block, for a card about to be read (card-slots.ts reads straight into it);
   * undefined when no pool has room. The block is the view's until `adopt` gives it to the cache.
   */
  alloc(length: number): Buffer | undefined;
  /** The cache keeps the bytes of a view `alloc` gave; undefined if it is not one (or already kept). */
  adopt(view: Uint8Array): ArenaBlock | undefined;
  /** Copies `bytes` into a free block the cache keeps; undefined when no pool has room. */
  put(bytes: Uint8Array): ArenaBlock | undefined;
  /** A view of a kept block's bytes; the block is not reused while the view is reachable. */
  lend(block: ArenaBlock): Buffer;
  /** The cache no longer keeps the block: it is reused once no view of it is reachable. */
  release(block: ArenaBlock): void;
  /** Whether a view of the block may still be reachable (one was handed out and has not been collected). */
  viewed(block: ArenaBlock): boolean;
  stats(): ArenaStats;
}

export interface ArenaBlock {
  readonly length: number;
}

export interface ArenaStats {
  /** Pools in use, each `poolBytes`; `regions` ArrayBuffers hold them. */
  pools: number;
  poolBytes: number;
  regions: number;
  /** Blocks in use: kept by the cache, or with a view still reachable. */
  blocks: number;
  /** Of those, blocks the cache does not keep, waiting for their views to be collected. */
  waiting: number;
}

export interface CardArenaOptions {
  /** Bytes a pool manages (4 MiB): a card over half of it keeps a buffer of its own. For tests. */
  poolBytes?: number;
}

interface Pool {
  buffer: ArrayBuffer;
  malloc: MemPool;
}

interface Block extends ArenaBlock {
  pool: Pool;
  address: number;
  /** Views handed out and not yet collected. */
  views: number;
  /** The cache keeps it. */
  kept: boolean;
  freed: boolean;
}

/** Small enough that freeing (MemPool walks its pool's blocks in use) stays a few dozen steps: ~50 cards a pool. */
const POOL_BYTES = 4 * 1_048_576;
/** Pools are carved from regions of up to this much, so a budget of gigabytes is not one allocation. */
const REGION_BYTES = 256 * 1_048_576;
/** Room past the byte budget for what first fit cannot use and for released blocks whose views are still out. */
const SLACK = 1.25;

/**
 * An arena for a cache of `maxBytes`: room for 1.25× the budget, in pools of 4 MiB carved from regions of up to
 * 256 MiB, each region one ArrayBuffer allocated when its first pool is needed: V8 sees one external allocation per
 * region, not one per card or pool. A region costs address space, not memory, until cards are written to it: `new
 * ArrayBuffer` is calloc(3), whose large blocks are fresh mmap(2) pages the kernel backs only when touched.
 */
export function createCardArena(maxBytes: number, options: CardArenaOptions = {}): CardArena {
  const poolBytes = options.poolBytes ?? POOL_BYTES;
  const maxPools = Math.max(1, Math.ceil((maxBytes * SLACK) / poolBytes));
  const poolsPerRegion = Math.max(1, Math.floor(REGION_BYTES / poolBytes));
  const pools: Pool[] = [];
  let regions = 0;
  let region: ArrayBuffer | undefined;
  /** Next fit: the pool that last had room is asked first. */
  let cursor = 0;
  let blocks = 0;
  let kept = 0;
  const owners = new WeakMap<Uint8Array, Block>();
  const registry = new FinalizationRegistry<Block>((block) => {
    block.views--;
    settle(block);
  });

  /** A block neither kept nor viewed goes back to its pool. */
  function settle(block: Block): void {
    if (block.kept || block.views > 0 || block.freed) return;
    block.freed = true;
    blocks--;
    block.pool.malloc.free(block.address);
  }

  function addPool(): Pool | undefined {
    if (pools.length >= maxPools) return undefined;
    const index = pools.length % poolsPerRegion;
    if (index === 0) {
      region = new ArrayBuffer(Math.min(poolsPerRegion, maxPools - pools.length) * poolBytes);
      regions++;
    }
    const buffer = region!;
    const start = index * poolBytes;
    const pool = { buffer, malloc: new MemPool({ buf: buffer, start, end: start + poolBytes, align: 8 }) };
    pools.push(pool);
    return pool;
  }

  function allocate(length: number): Block | undefined {
    // A card over half a pool would leave the rest of it to smaller ones; it keeps a buffer of its own instead.
    if (length <= 0 || length > poolBytes / 2) return undefined;
    for (let tried = 0; tried < pools.length; tried++) {
      const index = (cursor + tried) % pools.length;
      const address = pools[index]!.malloc.malloc(length);
      if (address) {
        cursor = index;
        return place(pools[index]!, address, length);
      }
    }
    const pool = addPool();
    const address = pool?.malloc.malloc(length);
    if (!pool || !address) return undefined;
    cursor = pools.length - 1;
    return place(pool, address, length);
  }

  function place(pool: Pool, address: number, length: number): Block {
    blocks++;
    return { pool, address, length, views: 0, kept: false, freed: false };
  }

  function view(block: Block): Buffer {
    const bytes = Buffer.from(block.pool.buffer, block.address, block.length);
    block.views++;
    registry.register(bytes, block);
    return bytes;
  }

  return {
    alloc(length) {
      const block = allocate(length);
      if (!block) return undefined;
      // Only these views can be adopted: a lent view's block is kept already.
      const bytes = view(block);
      owners.set(bytes, block);
      return bytes;
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
      new Uint8Array(block.pool.buffer, block.address, block.length).set(bytes);
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
    viewed: (block) => (block as Block).views > 0,
    stats: () => ({ pools: pools.length, poolBytes, regions, blocks, waiting: blocks - kept }),
  };
}
