import { startAssetServer } from '../lib/asset-server.js';
import { expectStatuses, type LoadResult, loadTest } from '../lib/http-load.js';
import type { BenchOptions } from '../lib/options.js';
import type { Report } from '../lib/report.js';
import { startServer } from '../servers/server-handle.js';

const SECTION = '7 loop under render load';
/** A feed reader's pace, not a flood: the point is latency while the workers are saturated, not throughput. */
const FEED_RATE = 200;

/**
 * 7: the server's event-loop delay (perf_hooks.monitorEventLoopDelay, 1 ms resolution, in the server process) and
 * the cached feed's latency at 200 req/s, first with the server idle (baseline), then while 4 distinct card renders
 * (half photo, half text) are always in flight on its 2 workers.
 */
export async function runEventLoop(options: BenchOptions, report: Report): Promise<void> {
  const assets = await startAssetServer();
  const app = await startServer({
    type: 'start-app',
    assetOrigin: assets.origin,
    photoUrl: assets.photoUrl,
    feedItems: 60,
    workers: 2,
  });
  try {
    const url = `${app.origin}${app.feedPath}`;
    const headers = { 'accept-encoding': 'gzip' };
    await loadTest({ url, seconds: 1, headers });
    const runs: {
      label: string;
      feed: LoadResult;
      loop: { p50: number; p99: number; max: number };
      renders?: string;
    }[] = [];
    for (const underLoad of [false, true]) {
      if (underLoad) {
        await app.request({ type: 'start-renders', concurrency: 4 });
        await new Promise((resolve) => setTimeout(resolve, 1500)); // workers spawned and busy
      }
      await app.request({ type: 'start-loop-delay' });
      const feed = await loadTest({
        url,
        seconds: options.httpSeconds,
        headers,
        connections: 4,
        overallRate: FEED_RATE,
      });
      const loop = await app.request({ type: 'stop-loop-delay' });
      expectStatuses('feed under render load', feed, '2xx');
      if (loop.type !== 'loop-delay') throw new Error(`expected loop-delay, got ${loop.type}`);
      let renders: string | undefined;
      if (underLoad) {
        const done = await app.request({ type: 'stop-renders' });
        if (done.type === 'renders') renders = `${done.done} cards rendered meanwhile (${done.failed} failed)`;
      }
      runs.push({
        label: underLoad ? 'while renders saturate 2 workers' : 'idle server (baseline)',
        feed,
        loop,
        ...(renders ? { renders } : {}),
      });
    }
    for (const run of runs) {
      report.row({
        section: SECTION,
        subject: `event-loop delay, ${run.label}`,
        unit: 'ms',
        median: run.loop.p50,
        p99: run.loop.p99,
        note: `max ${run.loop.max.toFixed(0)} ms${run.renders ? `; ${run.renders}` : ''}`,
      });
      report.row({
        section: SECTION,
        subject: `feed latency at ${FEED_RATE} req/s, ${run.label}`,
        unit: 'ms',
        median: run.feed.latencyP50,
        p99: run.feed.latencyP99,
        n: run.feed.requests,
      });
    }
    const loaded = runs[1]!;
    report.target(
      'event-loop delay p99 under render load',
      '< 50 ms',
      `${loaded.loop.p99.toFixed(1)} ms`,
      loaded.loop.p99 < 50,
    );
    report.target(
      'feed latency p99 under render load',
      '< 50 ms',
      `${loaded.feed.latencyP99} ms`,
      loaded.feed.latencyP99 < 50,
    );
  } finally {
    await app.stop();
    await assets.close();
  }
}
