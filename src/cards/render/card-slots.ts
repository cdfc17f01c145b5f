import { randomUUID } from 'node:crypto';
import { accessSync, closeSync, constants, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * How a finished card's bytes go from a render worker to the pool: not in the IPC message, but through one of two
 * files the pool opens for the worker and hands it as file descriptors (stdio 4 and 5). The worker writes the card
 * at offset 0 of the slot it was told to use and sends only `{ id, length }` over IPC; the pool reads `length` bytes
 * from the slot with one pread(2) into a buffer of exactly that size.
 *
 * Why: with two workers on two cores every millisecond of the main process's CPU is taken from a worker (bench 4).
 * On the IPC path it received each ~80 KB card as 64 KB reads, Buffer.concat'ed them (`parseChannelMessages` in
 * Node's lib/internal/child_process/serialization.js: ~0.4 ms per card in a CPU profile of 1500 cards) and
 * deserialised the message, and each read's chunk was garbage for its GC; the worker serialised the card into the
 * message and wrote it to the pipe in pieces. Now the worker makes one pwrite(2) and the main process one pread(2),
 * straight into the buffer the card cache keeps: a block of its arena (cache/card-arena.ts), so no ArrayBuffer is
 * allocated per card and, once the cache has gone round its memory, no page is touched for the first time either
 * (a new buffer's first touch was ~20 page faults per card, the bulk of the pread's time in that profile).
 *
 * Two slots, because a worker holds at most two cards the pool has not read yet (the one it draws, the one sent
 * ahead: render-pool.ts): the pool gives each card the slot the other one does not use, and reads a slot the moment
 * the worker's 'done' for it arrives, before it sends that worker anything else.
 *
 * The files are unlinked as soon as they are open: they have no name, so nothing is left behind when either process
 * dies, and the memory goes with the last descriptor (the worker's at its exit, the pool's at the worker's 'exit').
 * They live on tmpfs (/dev/shm) where there is one, so the bytes never head for a disk.
 */

/** The slots' descriptors in a worker: after stdin, stdout, stderr and the IPC channel (render-pool.ts's stdio). */
export const WORKER_SLOT_FDS = [4, 5] as const;
export type Slot = 0 | 1;

export interface CardSlots {
  /** The pool's descriptors of the two slots, to pass to the worker as stdio 4 and 5. */
  readonly fds: readonly [number, number];
  /**
   * The card the worker wrote to `slot`, in a buffer from `allocate` (the card cache's, which keeps it without a copy)
   * or of its own.
   */
  read(slot: Slot, length: number, allocate?: (length: number) => Buffer): Buffer;
  /** Closes the pool's descriptors; again is a no-op. */
  close(): void;
}

let slotDir: string | undefined;

/** /dev/shm when this process may write there (Linux), else the temp directory (its pages may be written back). */
function slotDirectory(): string {
  if (slotDir !== undefined) return slotDir;
  try {
    accessSync('/dev/shm', constants.W_OK);
    slotDir = '/dev/shm';
  } catch {
    slotDir = tmpdir();
  }
  return slotDir;
}

function openSlot(): number {
  // O_EXCL and O_NOFOLLOW: the directory is shared with every user, so the name must be new and ours.
  const path = join(slotDirectory(), `syndicard-card-${process.pid}-${randomUUID()}`);
  const fd = openSync(path, constants.O_RDWR | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  try {
    unlinkSync(path);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  return fd;
}

export function openCardSlots(): CardSlots {
  const first = openSlot();
  let second: number;
  try {
    second = openSlot();
  } catch (error) {
    closeSync(first);
    throw error;
  }
  const fds = [first, second] as const;
  let open = true;
  return {
    fds,
    read(slot, length, allocate) {
      if (!open) throw new Error('card slots are closed');
      if (!Number.isSafeInteger(length) || length <= 0) {
        throw new Error(`expected a card length of at least 1 byte, got ${length}`);
      }
      // Not Buffer.allocUnsafe: a small card would be a slice of its shared 8 KB pool, kept alive by the cache.
      const bytes = allocate ? allocate(length) : Buffer.allocUnsafeSlow(length);
      if (bytes.length !== length)
        throw new Error(`expected a buffer of ${length} bytes to read into, got ${bytes.length}`);
      let done = 0;
      while (done < length) {
        const n = readSync(fds[slot], bytes, done, length - done, done);
        if (n === 0) throw new Error(`expected ${length} card bytes in slot ${slot}, got ${done}`);
        done += n;
      }
      return bytes;
    },
    close() {
      if (!open) return;
      open = false;
      closeSync(first);
      closeSync(second);
    },
  };
}

/**
 * In a worker: writes the card at the start of `slot` (what was there before, past its length, is never read).
 * `fds` are the worker's own unless given (tests).
 */
export function writeCardSlot(slot: Slot, bytes: Uint8Array, fds: readonly [number, number] = WORKER_SLOT_FDS): void {
  const fd = fds[slot];
  let done = 0;
  while (done < bytes.byteLength) done += writeSync(fd, bytes, done, bytes.byteLength - done, done);
}
