import { type BenchOptions } from '../lib/options.js';
import type { Report } from '../lib/report.js';
/**
 * 1 and 6: cold renders (cache off: a new headline, hence a new content key, every iteration), end to end from the
 * stored record to encoded bytes, one card at a time; and the bytes of each card as served (text PNG, photo JPEG).
 */
export declare function runColdRender(options: BenchOptions, report: Report): Promise<void>;
