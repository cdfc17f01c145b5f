import sharp from 'sharp';
import { errorMessage } from '../../errors.js';
import { type CardComposer, createCardComposer } from '../compose/index.js';
import { writeCardSlot } from './card-slots.js';
import { type FromWorker, PHOTOS_PER_WORKER, TEST_HOOKS_ARG, type ToWorker } from './render-protocol.js';

/**
 * Entry point of a render child process (forked by render-pool.ts; not imported by anything else). It renders one
 * card at a time and yields to the event loop between renders, because resvg-js frees native buffers only when the
 * loop turns (upstream issue #216).
 */
const testHooks = process.argv.includes(TEST_HOOKS_ARG);
let composer: CardComposer | undefined;
/** The card being drawn, and through it every card that came after it (see the message handler). */
let drawing: Promise<void> = Promise.resolve();

function send(message: FromWorker): void {
  process.send?.(message);
}

process.on('message', (message: ToWorker) => {
  if (message.type === 'init') {
    // One card at a time: libvips's own thread pool (one thread per core by default) only competes with the other
    // workers for the same cores, and its operation cache keeps pixels of cards that never come back.
    sharp.concurrency(1);
    sharp.cache(false);
    composer = createCardComposer(message.fonts, message.catalog, { photos: PHOTOS_PER_WORKER });
    send({ type: 'ready' });
    return;
  }
  // The pool sends a worker its next card before the current one is done (render-pool.ts), so the worker never
  // waits on the main process between cards: they are drawn one after another, in the order they came.
  drawing = drawing.then(() => render(message));
});

// The parent going away closes the IPC channel: exit instead of lingering as an orphan.
process.on('disconnect', () => process.exit(0));

async function render(message: Extract<ToWorker, { type: 'render' }>): Promise<void> {
  const { id, slot, job, hook } = message;
  if (testHooks && hook === 'abort') process.abort();
  // Blocks this process's only thread for good, as an endless layout loop would.
  if (testHooks && hook === 'hang') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  try {
    if (!composer) throw new Error('render worker received a job before its fonts');
    // The pool mirrors this worker's decoded photos, so this is rare (a render failed before decoding its photo).
    // Asked when the card's turn comes, not when it arrives: the card before it may be decoding this very photo.
    if (job.photo && !job.photo.jpeg && !composer.holdsPhoto(job.photo.sha256)) {
      send({ type: 'photo-missing', id, sha256: job.photo.sha256 });
      return;
    }
    const card = await composer.compose(job);
    // Written before 'done' is sent, so the pool finds the whole card there when it reads the message.
    writeCardSlot(slot, card.bytes);
    send({ type: 'done', id, length: card.bytes.byteLength });
  } catch (error) {
    send({ type: 'failed', id, message: errorMessage(error) });
  }
  await new Promise((resolve) => setImmediate(resolve));
}
