import autocannon from 'autocannon';

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

export async function loadTest(options: LoadOptions): Promise<LoadResult> {
  const url = new URL(options.url);
  if (url.hostname !== '127.0.0.1') throw new Error(`benchmarks load 127.0.0.1 only, not ${url.hostname}`);
  const result = await autocannon({
    url: options.url,
    duration: options.seconds,
    connections: options.connections ?? 10,
    pipelining: 1,
    headers: options.headers ?? {},
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
  });
  const statuses: Record<string, number> = {
    '2xx': result['2xx'],
    '3xx': result['3xx'],
    '4xx': result['4xx'],
    '5xx': result['5xx'],
  };
  return {
    requestsPerSecond: result.requests.average,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    requests: result.requests.total,
    statuses,
    errors: result.errors + result.timeouts,
  };
}

/** Fails loudly when a run answered something other than what it was meant to measure. */
export function expectStatuses(label: string, result: LoadResult, klass: '2xx' | '3xx'): void {
  const wanted = result.statuses[klass] ?? 0;
  const total = Object.values(result.statuses).reduce((sum, n) => sum + n, 0);
  if (total === 0 || wanted / total < 0.999 || result.errors > 0) {
    throw new Error(
      `${label}: expected ${klass} responses, got ${JSON.stringify(result.statuses)} and ${result.errors} errors`,
    );
  }
}
