import { readlinkSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { type CardSlots, openCardSlots, writeCardSlot } from '../../src/cards/render/card-slots.js';

describe('card slots (a worker’s finished cards, passed to the pool through two files)', () => {
  let slots: CardSlots | undefined;
  afterEach(() => {
    slots?.close();
    slots = undefined;
  });

  const bytesOf = (length: number, seed: number) =>
    Buffer.from(Array.from({ length }, (_, i) => (i * 31 + seed) % 256));

  it('reads back exactly the card last written to each slot, the two slots apart', () => {
    slots = openCardSlots();
    const long = bytesOf(200_000, 1);
    const short = bytesOf(70_000, 2);
    const other = bytesOf(90_000, 3);
    writeCardSlot(0, long, slots.fds);
    writeCardSlot(1, other, slots.fds);
    // A shorter card over a longer one: the longer one's tail stays in the file and must not be read.
    writeCardSlot(0, short, slots.fds);
    const read = slots.read(0, short.length);
    expect(read.equals(short)).toBe(true);
    expect(slots.read(1, other.length).equals(other)).toBe(true);
    // Each read is a buffer of its own, exactly the card's size (the card cache keeps it).
    expect(read.buffer.byteLength).toBe(short.length);
    expect(read).not.toBe(slots.read(0, short.length));
  });

  it('fails a read past what the worker wrote, saying how many bytes were expected and found', () => {
    slots = openCardSlots();
    writeCardSlot(1, bytesOf(1000, 4), slots.fds);
    expect(() => slots?.read(1, 1500)).toThrow('expected 1500 card bytes in slot 1, got 1000');
    expect(() => slots?.read(1, 0)).toThrow('expected a card length of at least 1 byte, got 0');
  });

  it('leaves no file behind: the slots are unlinked at once, and closing frees the descriptors', () => {
    slots = openCardSlots();
    const { fds } = slots;
    for (const fd of fds) expect(linkOf(fd)).toMatch(/\/syndicard-card-\d+-[0-9a-f-]+ \(deleted\)$/);
    slots.close();
    slots.close(); // again: a no-op, not a second close of descriptors that may be reused by then
    // Closed: the descriptor is gone, or already reused for something else.
    for (const fd of fds) expect(linkOf(fd)).not.toContain('syndicard-card-');
    expect(() => slots?.read(0, 1)).toThrow('card slots are closed');
  });
});

/** What a descriptor of this process is open on, as /proc shows it; '' if it is not open. */
function linkOf(fd: number): string {
  try {
    return readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return '';
  }
}
