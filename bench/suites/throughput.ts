import { cardSpecForArticle } from '../../src/cards/index.js';
import { startAssetServer } from '../lib/asset-server.js';
import { loadSeed, variantOf } from '../lib/fixtures.js';
import { runConcurrently } from '../lib/measure.js';
import { type BenchOptions, scaled } from '../lib/options.js';
import { readCpuSeconds, readTreeRss } from '../lib/process-memory.js';
import type { Report } from '../lib/report.js';
import { createCountedCards } from '../lib/syndicard-cards.js';

const SECTION = '4 render throughput';

/**
 * 4: distinct cards (half photo JPEG, half text PNG, as served) rendered as fast as the pool allows, with twice as
 * many in flight as there are workers so no worker waits on the main process; 1 worker is the baseline.
 */
export async function runThroughput(options: BenchOptions, report: Report): Promise<void> {
  const assets = await startAssetServer();
  const seed = await loadSeed(assets.photoUrl);
  const total = scaled(options, 300, 60);
  const perSecond: Record<number, number> = {};
  try {
    for (const workers of [1, 2]) {
      const { cards } = await createCountedCards({ workers });
      try {
        const render = async (i: number) => {
          const template = i % 2 === 0 ? 'photo' : 'plain';
          const spec = cardSpecForArticle(variantOf(seed.article, i, `w${workers}-`), seed.site, template);
          await cards.render(spec, template === 'photo' ? 'jpeg' : 'png');
        };
        await runConcurrently((i) => render(-1 - i), 10 * workers, 2 * workers); // warm-up: spawn, fonts, JIT
        const pids = (await readTreeRss()).processes.filter((p) => p.role === 'render worker').map((p) => p.pid);
        const cpuBefore = { main: process.cpuUsage(), workers: await sumCpu(pids) };
        const result = await runConcurrently(render, total, 2 * workers);
        const mainCpu = cpuSeconds(process.cpuUsage(cpuBefore.main));
        const workerCpu = (await sumCpu(pids)) - cpuBefore.workers;
        const cores = `CPU cores busy: main ${(mainCpu / result.seconds).toFixed(2)}, workers ${(workerCpu / result.seconds).toFixed(2)}`;
        perSecond[workers] = result.perSecond;
        report.row({
          section: SECTION,
          subject: `syndicard, ${workers} worker${workers > 1 ? 's' : ''}`,
          unit: 'cards/s',
          median: result.perSecond,
          n: total,
          ...(workers > 1 ? { vsBaseline: `${(result.perSecond / perSecond[1]!).toFixed(2)}× 1 worker` } : {}),
          note: `${total} cards in ${result.seconds.toFixed(1)} s (half photo jpeg, half text png); ${cores}; ${((workerCpu * 1000) / total).toFixed(0)} worker-CPU ms/card`,
        });
      } finally {
        await cards.close();
      }
    }
    const ratio = perSecond[2]! / perSecond[1]!;
    // Issue 11: ≥ 1.8× (was 1.7×).
    report.target('render throughput, 2 workers vs 1', '≥ 1.8×', `${ratio.toFixed(2)}×`, ratio >= 1.8);
  } finally {
    await assets.close();
  }
}

async function sumCpu(pids: number[]): Promise<number> {
  let total = 0;
  for (const pid of pids) total += await readCpuSeconds(pid).catch(() => 0);
  return total;
}

function cpuSeconds(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1e6;
}
