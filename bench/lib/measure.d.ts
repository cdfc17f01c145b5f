/** Timing loops and summaries: warm up, then sample one call at a time. */
export interface Summary {
    n: number;
    median: number;
    p95: number;
    mean: number;
    min: number;
}
export interface MeasureOptions {
    warmup: number;
    iterations: number;
    /** Stop early (after at least `minIterations`) once this much time is spent, so a slow peer cannot stall the run. */
    maxMs?: number;
    minIterations?: number;
}
/** Runs `fn` `warmup` times untimed, then times each of up to `iterations` calls (in ms). */
export declare function measureAsync(fn: (i: number) => Promise<unknown>, options: MeasureOptions): Promise<Summary>;
export declare function summarize(samples: readonly number[]): Summary;
/** Linear interpolation between closest ranks (the usual "type 7" estimator), on sorted input. */
export declare function quantile(sorted: readonly number[], q: number): number;
/** Runs `fn` with up to `concurrency` calls in flight until `total` calls finished; returns calls per second. */
export declare function runConcurrently(fn: (i: number) => Promise<unknown>, total: number, concurrency: number): Promise<{
    seconds: number;
    perSecond: number;
}>;
