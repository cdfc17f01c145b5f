import { setTimeout as sleep } from 'node:timers/promises';
import { type StoreFaultCode, StoreUnavailableError } from '../store/index.js';

/**
 * What SQLite's failures mean to a caller, and the waiting that makes concurrent writers work.
 *
 * SQLite has one writer at a time per file. A deferred transaction that reads first and then wants to write cannot
 * wait for the lock (SQLITE_BUSY at once, the busy handler is not even called, https://sqlite.org/rescode.html#busy),
 * so every write here begins with BEGIN IMMEDIATE (`.immediate()`), which takes the write lock up front and waits.
 * The waiting is done here rather than in SQLite's busy handler, which sleeps inside the synchronous call and would
 * stop the whole event loop for the full busy timeout: SQLite waits a few milliseconds per attempt
 * (SYNC_BUSY_MS), then we sleep asynchronously and try again until the caller's deadline, one writer of this
 * process at a time (WriteGate), so feeds keep being served while a write waits for an import's batch.
 */

/** PRAGMA busy_timeout: how long one attempt may block the event loop inside SQLite. */
export const SYNC_BUSY_MS = 5;

interface SqliteLikeError {
  code?: unknown;
  message?: unknown;
}

/** Extended result codes (SQLITE_BUSY_SNAPSHOT, SQLITE_CORRUPT_INDEX, …) share their primary code's prefix. */
function primary(err: unknown): string | undefined {
  const code = (err as SqliteLikeError | undefined)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return undefined;
  const [, name] = /^SQLITE_([A-Z]+)/.exec(code) ?? [];
  return name;
}

export function isBusy(err: unknown): boolean {
  const name = primary(err);
  return name === 'BUSY' || name === 'LOCKED';
}

/** The store fault behind a SQLite error, or undefined for errors that are bugs (SQLITE_ERROR, constraint, misuse). */
export function faultCode(err: unknown): StoreFaultCode | undefined {
  switch (primary(err)) {
    case 'BUSY':
    case 'LOCKED':
      return 'STORE_BUSY';
    case 'CORRUPT':
    case 'NOTADB':
      return 'STORE_CORRUPT';
    case 'READONLY':
      return 'STORE_READ_ONLY';
    case 'FULL':
      return 'STORE_FULL';
    case 'IOERR':
    case 'CANTOPEN':
    case 'PROTOCOL':
      return 'STORE_UNAVAILABLE';
    default:
      return undefined;
  }
}

/** What clients are told for each fault (the driver's words go to the log only). */
export const FAULT_MESSAGES: Record<StoreFaultCode, string> = {
  STORE_BUSY: 'the article store is busy with another writer (an import?); retry shortly',
  STORE_CORRUPT: 'the article store is damaged; an operator must restore it (see docs/operations.md)',
  STORE_READ_ONLY: 'the article store cannot be written (read-only file or file system)',
  STORE_FULL: 'the article store cannot grow: the disk is full',
  STORE_UNAVAILABLE: 'the article store could not be reached',
};

/** The client-facing error for a SQLite failure; errors that are not faults of the store pass through unchanged. */
export function translate(err: unknown): unknown {
  if (err instanceof StoreUnavailableError) return err;
  const code = faultCode(err);
  return code ? new StoreUnavailableError(code, FAULT_MESSAGES[code], err) : err;
}

export function busyError(waitedMs: number, cause?: unknown): StoreUnavailableError {
  return new StoreUnavailableError(
    'STORE_BUSY',
    `${FAULT_MESSAGES.STORE_BUSY} (waited ${Math.round(waitedMs)} ms for the write lock)`,
    cause,
  );
}

/** Runs `attempt` until it does not fail with SQLITE_BUSY, sleeping a little between tries, until `deadline`. */
export async function retryBusy<T>(attempt: () => T, started: number, deadline: number): Promise<T> {
  for (let tries = 0; ; tries++) {
    try {
      return attempt();
    } catch (err) {
      const now = performance.now();
      if (!isBusy(err)) throw translate(err);
      if (now >= deadline) throw busyError(now - started, err);
      // 2–8 ms, jittered so that two waiting processes do not poll in lockstep.
      await sleep(Math.min(deadline - now, 2 + Math.random() * (tries < 3 ? 3 : 6)));
    }
  }
}

/**
 * One writer of this process at a time: the first in line polls for SQLite's lock, the others wait their turn
 * without polling. A write whose deadline passes while it waits in line is refused (STORE_BUSY) without trying.
 */
export class WriteGate {
  private tail: Promise<void> = Promise.resolve();

  async run<T>(attempt: () => T, timeoutMs: number): Promise<T> {
    const started = performance.now();
    const deadline = started + timeoutMs;
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    let inLine = true;
    try {
      await waitUntil(previous, timeoutMs);
      inLine = false;
      return await retryBusy(attempt, started, deadline);
    } catch (err) {
      if (err === TIMED_OUT) throw busyError(performance.now() - started);
      throw err;
    } finally {
      // A writer that gave up in line hands its turn on only when the one before it is done.
      if (inLine) void previous.then(release);
      else release();
    }
  }
}

const TIMED_OUT = Symbol('timed out');

async function waitUntil(turn: Promise<void>, timeoutMs: number): Promise<void> {
  const controller = new AbortController();
  const timer = sleep(timeoutMs, undefined, { signal: controller.signal }).then(
    () => Promise.reject(TIMED_OUT),
    () => undefined,
  );
  try {
    await Promise.race([turn, timer]);
  } finally {
    controller.abort();
  }
}
