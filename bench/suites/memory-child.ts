import { setTimeout as sleep } from 'node:timers/promises';
import * as sourceCards from '../../src/cards/index.js';
import { loadSeed, variantOf } from '../lib/fixtures.js';
import { runConcurrently } from '../lib/measure.js';
import { answerOnce } from '../lib/one-shot-child.js';
import { type ProcessTreeRss, readTreeRss } from '../lib/process-memory.js';
import { type CardsModule, createCountedCards } from '../lib/syndicard-cards.js';

/**
 * 5, in a process of its own so the main process's RSS is the card service's and not the bench's: resident size
 * of this process and of its render workers (/proc/<pid>/status VmRSS, children found in /proc/<pid>/task/*
 * /children), idle after warm-up, sampled every 100 ms for the peak over `renders` distinct cards, and again after.
 */
export interface MemoryRequest {
  photoUrl: string;
  renders: number;
  cacheMaxBytes: number;
  /** URL of src/cards/index.js compiled by tsc: its render workers are forked without tsx. */
  compiledCards?: string;
  /** The render workers' idle timeout (SYNDICARD_RENDER_IDLE_MS); `afterIdle` is read once it has passed. */
  renderIdleMs: number;
}

export interface MemoryResult {
  /** The card service created, fonts loaded, no card drawn yet (no render worker started). */
  beforeAny: ProcessTreeRss;
  idle: ProcessTreeRss;
  peak: ProcessTreeRss;
  after: ProcessTreeRss;
  /** After the last card, once the idle timeout has passed and the workers have exited. */
  afterIdle: ProcessTreeRss;
  seconds: number;
  workerPids: number[];
  /** Total RSS after each tenth of the renders: a plateau (allocator warming up) or a slope (a leak). */
  checkpoints: { renders: number; total: number; main: number; children: number }[];
}

async function run(request: MemoryRequest): Promise<MemoryResult> {
  const seed = await loadSeed(request.photoUrl);
  const module = request.compiledCards ? ((await import(request.compiledCards)) as CardsModule) : undefined;
  const { cards } = await createCountedCards({
    workers: 2,
    cacheMaxBytes: request.cacheMaxBytes,
    renderIdleMs: request.renderIdleMs,
    ...(module ? { module } : {}),
  });
  const { cardSpecForArticle } = module ?? sourceCards;
  const render = async (i: number) => {
    const template = i % 2 === 0 ? 'photo' : 'plain';
    await cards.render(
      cardSpecForArticle(variantOf(seed.article, i, 'm'), seed.site, template),
      template === 'photo' ? 'jpeg' : 'png',
    );
  };
  try {
    await sleep(1000);
    const beforeAny = await readTreeRss();
    await runConcurrently((i) => render(-1 - i), 20, 4);
    await sleep(1000);
    const idle = await readTreeRss();
    let peak = idle;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const now = await readTreeRss();
        if (now.total > peak.total) peak = now;
        await sleep(100);
      }
    })();
    const checkpoints: MemoryResult['checkpoints'] = [];
    const every = Math.max(1, Math.floor(request.renders / 10));
    let finished = 0;
    const { seconds } = await runConcurrently(
      async (i) => {
        await render(i);
        if (++finished % every === 0) {
          const now = await readTreeRss();
          checkpoints.push({ renders: finished, total: now.total, main: now.main, children: now.children });
        }
      },
      request.renders,
      4,
    );
    sampling = false;
    await sampler;
    await sleep(1000);
    const after = await readTreeRss();
    // The workers exit once idle for renderIdleMs (counted from their last card, a second ago); then a little
    // longer for the exits and for this process's allocator to hand back what the cards used.
    let afterIdle = after;
    for (const deadline = Date.now() + request.renderIdleMs + 10_000; Date.now() < deadline; ) {
      await sleep(250);
      afterIdle = await readTreeRss();
      if (afterIdle.childPids.length === 0) break;
    }
    await sleep(1000);
    afterIdle = await readTreeRss();
    return {
      beforeAny,
      idle,
      peak: after.total > peak.total ? after : peak,
      after,
      afterIdle,
      seconds,
      workerPids: after.childPids,
      checkpoints,
    };
  } finally {
    await cards.close();
  }
}

answerOnce(run);
