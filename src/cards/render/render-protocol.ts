import type { Font } from 'satori';
import type { RenderJob } from '../compose/index.js';
import type { FontCatalog } from '../fonts/index.js';
import type { Slot } from './card-slots.js';

/**
 * Messages between the render pool and its child processes, sent with Node's `advanced` IPC serialization
 * (structured clone) so Buffers travel as bytes, not as JSON arrays. A finished card's bytes do not travel here:
 * the worker writes them to the slot its job names and 'done' says how many (card-slots.ts).
 */

/** Test-only behaviours a worker obeys when started with TEST_HOOKS_ARG: die the way a resvg panic does, or hang. */
export type RenderHook = 'abort' | 'hang';

/**
 * Decoded photos a worker keeps (2.3 MB each), least recently used dropped first. The pool keeps the same list per
 * worker, in the same order, so it sends a photo's JPEG exactly when the worker no longer holds it.
 */
export const PHOTOS_PER_WORKER = 4;
export const TEST_HOOKS_ARG = '--syndicard-test-hooks';

export type ToWorker =
  /** The base fonts as bytes; the catalog's fallback fonts and emoji by path, read when a card needs them. */
  | { type: 'init'; fonts: Font[]; catalog: FontCatalog }
  | { type: 'render'; id: number; slot: Slot; job: RenderJob; hook?: RenderHook };

export type FromWorker =
  | { type: 'ready' }
  /**
   * The card is in the job's slot, `length` bytes from offset 0. Nothing else: the composer's timings were sent too
   * and read by nobody, one more object for both processes to build and take apart a card.
   */
  | { type: 'done'; id: number; length: number }
  | { type: 'failed'; id: number; message: string }
  /** The job named a photo by hash only and this worker no longer holds it: the pool sends the job again with it. */
  | { type: 'photo-missing'; id: number; sha256: string };
