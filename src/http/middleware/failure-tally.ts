/**
 * Expected failures (load shed, renderer restarts, refused credentials, rate limits) counted and logged at most once
 * per interval, at warn, with counts by code: under overload a line per request (with a stack) is itself the outage
 * (12.5 MB of log in 15 s, issue 8). The first failure of a quiet period is logged at once, so an operator sees the
 * start of trouble without waiting; the rest of the interval is summed into one line when it ends.
 */
export interface FailureTally {
  note(code: string, detail?: Record<string, unknown>): void;
}

export interface TallyLog {
  warn(obj: object, msg?: string): void;
}

export function createFailureTally(log: TallyLog, intervalMs = 10_000, message = 'requests refused'): FailureTally {
  let counts = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;

  const flush = () => {
    timer = undefined;
    if (counts.size === 0) return;
    const summary = Object.fromEntries(counts);
    counts = new Map();
    log.warn({ counts: summary, intervalMs }, message);
    // Something was counted in this interval: keep watching for one more, so a steady trickle stays one line each.
    timer = setTimeout(flush, intervalMs).unref();
  };

  return {
    note(code, detail) {
      if (timer === undefined) {
        log.warn({ counts: { [code]: 1 }, ...detail }, message);
        timer = setTimeout(flush, intervalMs).unref();
        return;
      }
      counts.set(code, (counts.get(code) ?? 0) + 1);
    },
  };
}
