/**
 * How long the benchmarks run, from the environment (only bench/ reads process.env; src/ never does).
 *   BENCH_QUICK=1       a smoke run (~1.5 min): fewer iterations, 2 s HTTP runs, 300 renders for memory
 *   BENCH_SCALE=0.5     multiplies every iteration count (after BENCH_QUICK)
 *   BENCH_HTTP_SECONDS  duration of each autocannon run (default 8, quick 2)
 *   BENCH_MEMORY_RENDERS distinct cards of the memory run (default 5000, quick 300)
 *   BENCH_ONLY=a,b      run only these suites: cold, http, feeds, throughput, memory, eventloop, cluster, scripts
 *   BENCH_OUT           where the JSON goes (default bench/results/latest.json)
 *   BENCH_SAMPLES=1     also write one image per subject to bench/results/samples/, to look at
 *   BENCH_CPU_PROF=1    the HTTP server processes write V8 CPU profiles to bench/results/profiles/
 */
export interface BenchOptions {
    quick: boolean;
    scale: number;
    httpSeconds: number;
    memoryRenders: number;
    only: Set<string> | undefined;
    out: string;
    samples: boolean;
}
export declare const SUITES: readonly ["cold", "http", "feeds", "throughput", "memory", "eventloop", "cluster", "scripts"];
export type SuiteName = (typeof SUITES)[number];
export declare function readBenchOptions(env: NodeJS.ProcessEnv, defaultOut: string): BenchOptions;
/** An iteration count scaled by BENCH_QUICK / BENCH_SCALE, never below `floor`. */
export declare function scaled(options: BenchOptions, count: number, floor?: number): number;
