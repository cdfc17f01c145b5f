import { cardSpecForArticle } from '../../src/cards/index.js';
import { loadSeed, variantOf } from '../lib/fixtures.js';
import { runConcurrently } from '../lib/measure.js';
import { createCountedCards } from '../lib/syndicard-cards.js';

/**
 * 4's peer, in a process of its own (forked by throughput.ts under tsx): the whole card service drawing in this
 * process (`workers: 0`, the composer a render worker runs, no child process and no IPC), as fast as one thread
 * can. Several of these side by side are what the machine gives for the work with nothing shared: the ceiling a
 * pool of as many workers could reach. Messages: `{ photoUrl, tag }` → `ready`; `{ first, count }` → `{ seconds }`.
 */
export type PeerRequest = { photoUrl: string; tag: string } | { first: number; count: number };
export type PeerReply = { ready: true } | { seconds: number } | { error: string };

let draw: ((i: number) => Promise<unknown>) | undefined;

process.on('message', (request: PeerRequest) => {
  handle(request).then(
    (reply) => process.send?.(reply),
    (error: unknown) =>
      process.send?.({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));

async function handle(request: PeerRequest): Promise<PeerReply> {
  if ('photoUrl' in request) {
    const seed = await loadSeed(request.photoUrl);
    const { cards } = await createCountedCards({ workers: 0 });
    draw = async (i) => {
      const template = i % 2 === 0 ? 'photo' : 'plain';
      const spec = cardSpecForArticle(variantOf(seed.article, i, request.tag), seed.site, template);
      await cards.render(spec, template === 'photo' ? 'jpeg' : 'png');
    };
    await runConcurrently((i) => draw!(-1 - i), 10, 2); // fonts, photo, JIT
    return { ready: true };
  }
  if (!draw) throw new Error('peer asked to draw before it was set up');
  const { first } = request;
  const { seconds } = await runConcurrently((i) => draw!(first + i), request.count, 2);
  return { seconds };
}
