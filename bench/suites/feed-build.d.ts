import { type BenchOptions } from '../lib/options.js';
import type { Report } from '../lib/report.js';
/**
 * 3 (build): a 50-item feed from the SQLite store (a WAL file, as the server runs it) in each format, i.e. the
 * `latest()` query that parses 50 stored records plus rendering, uncached. The baseline is JSON.stringify of the
 * same 50 records: the least any serialisation of them can cost.
 */
export declare function runFeedBuild(options: BenchOptions, report: Report): Promise<void>;
