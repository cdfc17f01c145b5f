import type { Font } from 'satori';
import { AppError } from '../../errors.js';
import type { CardComposer } from '../compose/index.js';
import type { FontCatalog } from '../fonts/index.js';
import type { RenderPool } from './render-pool.js';
import { PHOTOS_PER_WORKER } from './render-protocol.js';

/**
 * The render pool's interface over this process, for a one-shot command (`syndicard card`): the same composer a
 * render worker runs (render-worker.ts), without a child process. A cold start pays for one Node start, one load of
 * satori and the fonts, and no copy of the fonts over IPC; a worker would start only once the card is asked for,
 * after the command's own loading, so the two add up (docs/performance.md, CLI).
 *
 * What a server needs and a one-shot command does not is left out: crash isolation (a resvg panic ends the command,
 * which reports it as a failed run), a timeout (the command waits for its one card), a queue. Cards are drawn one
 * at a time, in the order asked. The composer (satori, resvg, sharp) is loaded on the first card.
 */
export function createInProcessRenderer(fonts: Font[], catalog: FontCatalog): RenderPool {
  let composer: Promise<CardComposer> | undefined;
  let last: Promise<unknown> = Promise.resolve();
  let renders = 0;
  let closed = false;
  const load = async () => {
    const { createCardComposer } = await import('../compose/index.js');
    return createCardComposer(fonts, catalog, { photos: PHOTOS_PER_WORKER });
  };
  return {
    render(job) {
      if (closed) return Promise.reject(new AppError('CARD_RENDERER_STOPPED', 'card renderer is shut down'));
      renders++;
      const drawn = last.then(async () => {
        composer ??= load();
        const card = await (await composer).compose(job);
        return { bytes: card.bytes };
      });
      last = drawn.catch(() => undefined);
      return drawn;
    },
    stats: () => ({ renders, spawned: 0, queued: 0, photoResends: 0, idleExits: 0, workers: composer ? 1 : 0 }),
    async close() {
      closed = true;
      await last;
    },
  };
}
