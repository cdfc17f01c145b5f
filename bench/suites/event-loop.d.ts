import type { BenchOptions } from '../lib/options.js';
import type { Report } from '../lib/report.js';
/**
 * 7: the server's event-loop delay (perf_hooks.monitorEventLoopDelay, 1 ms resolution, in the server process) and
 * the cached feed's latency at 200 req/s, first with the server idle (baseline), then while 4 distinct card renders
 * (half photo, half text) are always in flight on its 2 workers.
 */
export declare function runEventLoop(options: BenchOptions, report: Report): Promise<void>;
