import { once } from 'node:events';
import { createServer, get, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createCardArena } from '../../src/cards/cache/card-arena.js';
import { createCardCache, type RenderedCard, toRenderedCard } from '../../src/cards/cache/card-cache.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A full collection, then the turns of the event loop in which FinalizationRegistry callbacks run. */
async function collect(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A card-sized buffer whose bytes say which card it is. */
function cardBytes(n: number, length = 40_000 + (n % 5) * 3_000): Buffer {
  const bytes = Buffer.alloc(length, n % 251);
  bytes.writeUInt32BE(n, 8);
  return bytes;
}

const card = (n: number, bytes = cardBytes(n)): RenderedCard => toRenderedCard(bytes, 'png', `key-${n}`, 'plain');

const silent = { warn() {} };

describe('card arena', () => {
  it('keeps what it is given, copied, in a pool', () => {
    const arena = createCardArena(4 * 1_048_576);
    const original = cardBytes(1);
    const block = arena.put(original)!;
    original.fill(0);
    const view = arena.lend(block);
    expect(view.readUInt32BE(8)).toBe(1);
    expect(view.length).toBe(block.length);
    expect(arena.stats()).toMatchObject({ pools: 1, regions: 1, blocks: 1, waiting: 0 });
  });

  it('adopts a buffer it allocated without copying it, and nothing else', () => {
    const arena = createCardArena(4 * 1_048_576);
    const bytes = arena.alloc(50_000)!;
    bytes.fill(7);
    const block = arena.adopt(bytes)!;
    expect(block.length).toBe(50_000);
    expect(arena.lend(block).buffer).toBe(bytes.buffer);
    expect(arena.adopt(bytes)).toBeUndefined(); // already kept
    expect(arena.adopt(arena.lend(block))).toBeUndefined(); // a lent view is not one alloc() gave
    expect(arena.adopt(Buffer.alloc(10))).toBeUndefined();
  });

  it('gives a released block back only once no view of it is reachable', async () => {
    const arena = createCardArena(1_048_576);
    const block = arena.put(cardBytes(1))!;
    let view: Buffer | undefined = arena.lend(block);
    arena.release(block);
    await collect();
    expect(arena.stats()).toMatchObject({ blocks: 1, waiting: 1 });
    expect(view.readUInt32BE(8)).toBe(1);
    view = undefined;
    await collect();
    expect(arena.stats()).toMatchObject({ blocks: 0, waiting: 0 });
  });

  it('has no room past its budget with slack, and none for cards over half a pool', () => {
    // 1.25 MiB of room: five pools of 256 KiB, each taking two cards of 100 KB, all in one region.
    const arena = createCardArena(1_048_576, { poolBytes: 262_144 });
    expect(arena.put(Buffer.alloc(140_000))).toBeUndefined();
    const kept = [];
    for (let n = 0; n < 100; n++) {
      const block = arena.put(cardBytes(n, 100_000));
      if (!block) break;
      kept.push(block);
    }
    expect(kept.length).toBe(10);
    expect(arena.stats()).toMatchObject({ pools: 5, regions: 1, blocks: 10 });
    arena.release(kept[3]!);
    expect(arena.put(cardBytes(100, 100_000))).toBeDefined(); // the freed block is found again
    expect(arena.put(cardBytes(101, 100_000))).toBeUndefined();
  });

  it('keeps a card a slow client is still being sent intact after the cache let it go and filled every pool', async () => {
    // Loopback's socket buffers take a 3 MB write at once here; a 5 MB one stays in Node, holding its view, while the
    // client reads nothing. The arena (room 40 MiB: pools of 16 MiB) then takes cards until it has no room left.
    const arena = createCardArena(32 * 1_048_576, { poolBytes: 16 * 1_048_576 });
    const big = cardBytes(999, 5_000_000);
    const block = arena.put(big)!;
    let pending = 0;
    const server = createServer((_req, res) => {
      const bytes = arena.lend(block);
      res.writeHead(200, { 'content-length': bytes.length });
      res.end(bytes);
      pending = res.socket?.writableLength ?? 0;
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      const request = get({ host: '127.0.0.1', port, path: '/' });
      const [response] = (await once(request, 'response')) as [IncomingMessage];
      response.pause(); // the client reads nothing: the server's write waits, holding its view of the card
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(pending).toBeGreaterThan(1_000_000); // the write was still waiting on the client
      arena.release(block);
      await collect();
      let added = 0;
      while (arena.put(cardBytes(added, 60_000))) added++;
      expect(added).toBeGreaterThan(400);
      expect(arena.stats()).toMatchObject({ waiting: 1 });
      const received: Buffer[] = [];
      response.on('data', (chunk: Buffer) => received.push(chunk));
      response.resume();
      await once(response, 'end');
      expect(Buffer.concat(received).equals(big)).toBe(true);
    } finally {
      server.close();
    }
  });
});

describe('memory card cache in the arena', () => {
  it('serves every card with its own bytes while older ones are evicted and their blocks reused', async () => {
    const cache = createCardCache({ maxBytes: 1_048_576, dir: undefined, log: silent });
    for (let n = 0; n < 400; n++) {
      await cache.store(card(n));
      if (n % 5 === 0) await collect(); // views from get() below pin their blocks until collected
      const back = cache.get(`key-${n}`)!;
      expect(back.bytes.readUInt32BE(8)).toBe(n);
      expect(back.bytes.equals(cardBytes(n))).toBe(true);
    }
    const stats = cache.stats();
    expect(stats.cards).toBeLessThan(30);
    expect(stats.inArena).toBe(stats.cards);
    expect(stats.arena.pools).toBe(1);
    expect(cache.get('key-0')).toBeUndefined();
  });

  it('stores a card read into allocate()d bytes without copying it', async () => {
    const cache = createCardCache({ maxBytes: 4 * 1_048_576, dir: undefined, log: silent });
    const bytes = cache.allocate(60_000);
    cardBytes(3, 60_000).copy(bytes);
    await cache.store(card(3, bytes));
    expect(cache.get('key-3')!.bytes.buffer).toBe(bytes.buffer);
    expect(cache.get('key-3')!.bytes.equals(cardBytes(3, 60_000))).toBe(true);
  });

  it('makes room by evicting cards no one holds when blocks it let go of are still viewed, not with new buffers', async () => {
    // 1.25 MiB of room in five 256 KiB pools (three 80 KB cards each) for a 1 MiB budget (12 such cards).
    const cache = createCardCache({ maxBytes: 1_048_576, dir: undefined, log: silent, arena: { poolBytes: 262_144 } });
    for (let n = 0; n < 12; n++) await cache.store(card(n, cardBytes(n, 80_000)));
    let held: Buffer[] | undefined = [];
    for (let n = 0; n < 12; n++) held.push(cache.get(`key-${n}`)!.bytes); // a response holds each of them
    for (let n = 12; n < 30; n++) await cache.store(card(n, cardBytes(n, 80_000)));
    const stats = cache.stats();
    expect(stats.inArena).toBe(stats.cards); // every card in the arena: none was given a buffer of its own
    expect(stats.arena.blocks).toBe(15); // every block of the five pools in use: kept, or evicted and still viewed
    expect(held.every((bytes, n) => bytes.readUInt32BE(8) === n)).toBe(true);
    held = undefined;
    await collect();
    expect(cache.stats().arena.waiting).toBe(0);
  });
});
