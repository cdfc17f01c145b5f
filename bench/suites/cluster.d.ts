import type { BenchOptions } from '../lib/options.js';
import type { Report } from '../lib/report.js';
/**
 * Issue 9 (several instances):
 *  - 9a: a cached feed and a versioned card through deploy/nginx.conf (Debian's nginx, one worker, answering from
 *    its cache: X-Cache-Status HIT) against the same requests sent to syndicard directly.
 *  - 9b: two syndicard instances against one, the same total connections spread over both (two autocannon runs at
 *    once, their rates summed). The instances share one PostgreSQL database of their own on the machine's server
 *    (127.0.0.1:5432, made and dropped here); when PostgreSQL cannot be reached, one SQLite file, and the rows say so.
 * Everything runs on this machine, so two instances compete for the same cores as the load generator.
 */
export declare function runCluster(options: BenchOptions, report: Report): Promise<void>;
