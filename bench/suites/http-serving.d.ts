import type { BenchOptions } from '../lib/options.js';
import type { Report } from '../lib/report.js';
/**
 * 2 and 3 (HTTP): a cached card and the cached feed served by syndicard's Koa app, against a bare node:http server
 * replaying the same bytes and headers, each in its own process, loaded by autocannon (10 connections) from the
 * bench process. Feed readers send Accept-Encoding, so the feed runs ask for gzip (syndicard serves its
 * precomputed gzip variant) and the 304 runs send If-None-Match with that variant's ETag.
 */
export declare function runHttpServing(options: BenchOptions, report: Report): Promise<void>;
