import { type BenchOptions } from '../lib/options.js';
import type { Report } from '../lib/report.js';
/**
 * 4: distinct cards (half photo JPEG, half text PNG, as served) rendered as fast as the pool allows, with twice as
 * many in flight as there are workers so no worker waits on the main process; 1 worker is the baseline.
 */
export declare function runThroughput(options: BenchOptions, report: Report): Promise<void>;
