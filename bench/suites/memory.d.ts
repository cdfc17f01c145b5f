import type { BenchOptions } from '../lib/options.js';
import type { Report } from '../lib/report.js';
export declare function runMemory(options: BenchOptions, report: Report): Promise<void>;
