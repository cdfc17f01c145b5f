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
export async function measureAsync(fn: (i: number) => Promise<unknown>, options: MeasureOptions): Promise<Summary> {
  let i = 0;
  for (let w = 0; w < options.warmup; w++) await fn(i++);
  const samples: number[] = [];
  const started = performance.now();
  const minIterations = Math.min(options.iterations, options.minIterations ?? 10);
  while (samples.length < options.iterations) {
    const t0 = performance.now();
    await fn(i++);
    samples.push(performance.now() - t0);
    if (options.maxMs !== undefined && samples.length >= minIterations && performance.now() - started > options.maxMs)
      break;
  }
  return summarize(samples);
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new RangeError('no samples to summarize');
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    mean: sorted.reduce((sum, x) => sum + x, 0) / sorted.length,
    min: sorted[0]!,
  };
}

/** Linear interpolation between closest ranks (the usual "type 7" estimator), on sorted input. */
export function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

/** Runs `fn` with up to `concurrency` calls in flight until `total` calls finished; returns calls per second. */
export async function runConcurrently(fn: (i: number) => Promise<unknown>, total: number, concurrency: number) {
  let next = 0;
  const started = performance.now();
  const lanes = Array.from({ length: concurrency }, async () => {
    while (next < total) await fn(next++);
  });
  await Promise.all(lanes);
  const seconds = (performance.now() - started) / 1000;
  return { seconds, perSecond: total / seconds };
}
