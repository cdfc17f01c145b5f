/** One autocannon run against 127.0.0.1 only (the benchmarks never load anything else). */
export interface LoadResult {
    requestsPerSecond: number;
    latencyP50: number;
    latencyP99: number;
    requests: number;
    /** Responses by status class, to check the run measured what it meant to (200s, or 304s). */
    statuses: Record<string, number>;
    errors: number;
}
export interface LoadOptions {
    url: string;
    seconds: number;
    connections?: number;
    headers?: Record<string, string>;
    /** Requests per second across all connections (latency runs); unbounded when absent. */
    overallRate?: number;
}
export declare function loadTest(options: LoadOptions): Promise<LoadResult>;
/** Fails loudly when a run answered something other than what it was meant to measure. */
export declare function expectStatuses(label: string, result: LoadResult, klass: '2xx' | '3xx'): void;
