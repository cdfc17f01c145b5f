/**
 * How long the benchmarks run, from the environment (only bench/ reads process.env; src/ never does).
 *   BENCH_QUICK=1       a smoke run (~1.5 min): fewer iterations, 2 s HTTP runs, 300 renders for memory
 *   BENCH_SCALE=0.5     multiplies every iteration count (after BENCH_QUICK)
 *   BENCH_HTTP_SECONDS  duration of each autocannon run (default 8, quick 2)
 *   BENCH_MEMORY_RENDERS distinct cards of the memory run (default 5000, quick 300)
 *   BENCH_ONLY=a,b      run only these suites: cold, http, feeds, throughput, memory, eventloop, cluster, scripts, cli
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

export const SUITES = [
  'cold',
  'http',
  'feeds',
  'throughput',
  'memory',
  'eventloop',
  'cluster',
  'scripts',
  'cli',
] as const;
export type SuiteName = (typeof SUITES)[number];

export function readBenchOptions(env: NodeJS.ProcessEnv, defaultOut: string): BenchOptions {
  const quick = ['1', 'true', 'yes'].includes((env.BENCH_QUICK ?? '').toLowerCase());
  const scale = positive(env.BENCH_SCALE, 1) * (quick ? 0.2 : 1);
  const only = env.BENCH_ONLY?.trim() ? new Set(env.BENCH_ONLY.split(',').map((name) => name.trim())) : undefined;
  for (const name of only ?? []) {
    if (!(SUITES as readonly string[]).includes(name)) {
      throw new Error(`BENCH_ONLY names "${name}"; the suites are ${SUITES.join(', ')}`);
    }
  }
  return {
    quick,
    scale,
    httpSeconds: positive(env.BENCH_HTTP_SECONDS, quick ? 2 : 8),
    memoryRenders: Math.round(positive(env.BENCH_MEMORY_RENDERS, quick ? 300 : 5000)),
    only,
    out: env.BENCH_OUT?.trim() || defaultOut,
    samples: ['1', 'true', 'yes'].includes((env.BENCH_SAMPLES ?? '').toLowerCase()),
  };
}

/** An iteration count scaled by BENCH_QUICK / BENCH_SCALE, never below `floor`. */
export function scaled(options: BenchOptions, count: number, floor = 5): number {
  return Math.max(floor, Math.round(count * options.scale));
}

function positive(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`expected a positive number, got "${value}"`);
  return n;
}
