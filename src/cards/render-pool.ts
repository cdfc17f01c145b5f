import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Font } from 'satori';
import { AppError } from '../errors.js';
import type { RenderJob } from './compose-card.js';
import { type FromWorker, type RenderHook, TEST_HOOKS_ARG, type ToWorker } from './render-protocol.js';

export interface RenderPoolOptions {
  fonts: Font[];
  /** Child processes; each renders one card at a time. */
  workers: number;
  timeoutMs: number;
  log: { warn(obj: object, msg?: string): void; error(obj: object, msg?: string): void };
  /**
   * Cards allowed to wait for a worker; past it render() fails at once with 503 CARD_QUEUE_FULL and Retry-After,
   * so a flood of distinct ad-hoc cards sheds load instead of growing memory and latency without bound.
   * 64 per worker by default (~2 s of work at ~30 ms a card).
   */
  maxQueue?: number;
  /** Lets jobs carry a RenderHook (abort, hang): for tests of crash isolation only. */
  testHooks?: boolean;
}

export interface PoolResult {
  bytes: Buffer;
  timings: Record<string, number>;
}

export interface RenderPool {
  render(job: RenderJob, hook?: RenderHook): Promise<PoolResult>;
  /** Renders dispatched to a worker so far, and workers started (replacements included). */
  stats(): { renders: number; spawned: number; queued: number };
  close(): Promise<void>;
}

interface Task {
  id: number;
  job: RenderJob;
  hook: RenderHook | undefined;
  resolve(result: PoolResult): void;
  reject(error: Error): void;
}

interface Worker {
  child: ChildProcess;
  ready: boolean;
  task: Task | undefined;
  timer: NodeJS.Timeout | undefined;
}

/**
 * Renders cards in child processes, never threads: a resvg-js native panic aborts the whole process (upstream issue
 * #287), which for a worker thread means the server. A worker that dies or overruns the timeout fails only the card
 * it was drawing (503 CARD_RENDER_FAILED) and is replaced; queued cards wait for the next free worker.
 */
export function createRenderPool(options: RenderPoolOptions): RenderPool {
  const { fonts, timeoutMs, log } = options;
  const size = Math.max(1, options.workers);
  const maxQueue = options.maxQueue ?? 64 * size;
  const workers = new Set<Worker>();
  const queue: Task[] = [];
  let nextId = 1;
  let renders = 0;
  let spawned = 0;
  let closed = false;
  let startFailures = 0;

  function spawn(): void {
    const { entry, execArgv } = workerEntry();
    const child = fork(entry, options.testHooks ? [TEST_HOOKS_ARG] : [], {
      execArgv,
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    spawned++;
    const worker: Worker = { child, ready: false, task: undefined, timer: undefined };
    workers.add(worker);
    child.on('message', (message: FromWorker) => onMessage(worker, message));
    child.on('error', (error) => log.error({ err: error, pid: child.pid }, 'render worker error'));
    child.on('exit', (code, signal) => onExit(worker, code, signal));
    child.send({ type: 'init', fonts } satisfies ToWorker);
  }

  function onMessage(worker: Worker, message: FromWorker): void {
    if (message.type === 'ready') {
      worker.ready = true;
      startFailures = 0;
    } else {
      const task = worker.task;
      if (!task || task.id !== message.id) return;
      finish(worker);
      if (message.type === 'done') {
        const bytes = Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength);
        task.resolve({ bytes, timings: message.timings });
      } else {
        task.reject(new AppError('CARD_RENDER_FAILED', `card render failed: ${message.message}`, { status: 500 }));
      }
    }
    dispatch();
  }

  function onExit(worker: Worker, code: number | null, signal: NodeJS.Signals | null): void {
    // A worker killed for overrunning was retired then, and its render already failed.
    if (!workers.delete(worker)) return;
    const task = worker.task;
    finish(worker);
    if (closed) {
      task?.reject(closedError());
      return;
    }
    log.warn({ pid: worker.child.pid, code, signal, rendering: Boolean(task) }, 'render worker exited; replacing it');
    task?.reject(
      new AppError('CARD_RENDER_FAILED', `card renderer process exited (${signal ?? `code ${code}`}) while drawing`, {
        status: 503,
      }),
    );
    // A worker that keeps dying before it is ready (a broken install) must not be respawned in a tight loop:
    // after three in a row the queue fails, and the next render() tries again.
    if (!worker.ready && ++startFailures >= 3) {
      for (const queued of queue.splice(0)) {
        queued.reject(new AppError('CARD_RENDER_FAILED', 'card renderer processes fail to start', { status: 503 }));
      }
      startFailures = 0;
      return;
    }
    ensureWorkers();
    dispatch();
  }

  function finish(worker: Worker): void {
    if (worker.timer) clearTimeout(worker.timer);
    worker.timer = undefined;
    worker.task = undefined;
  }

  function ensureWorkers(): void {
    while (!closed && workers.size < size) spawn();
  }

  function dispatch(): void {
    for (const worker of workers) {
      if (queue.length === 0) return;
      if (!worker.ready || worker.task || !worker.child.connected) continue;
      const task = queue.shift()!;
      worker.task = task;
      renders++;
      worker.timer = setTimeout(() => {
        log.warn({ pid: worker.child.pid, timeoutMs }, 'card render timed out; killing its worker');
        const timedOut = worker.task;
        finish(worker);
        workers.delete(worker);
        worker.child.kill('SIGKILL');
        timedOut?.reject(
          new AppError('CARD_RENDER_FAILED', `card render took longer than ${timeoutMs} ms`, { status: 503 }),
        );
        ensureWorkers();
        dispatch();
      }, timeoutMs);
      worker.child.send({
        type: 'render',
        id: task.id,
        job: task.job,
        ...(task.hook ? { hook: task.hook } : {}),
      } satisfies ToWorker);
    }
  }

  return {
    render(job, hook) {
      if (closed) return Promise.reject(closedError());
      if (queue.length >= maxQueue) {
        return Promise.reject(
          new AppError('CARD_QUEUE_FULL', `${queue.length} cards are already waiting for a renderer`, {
            status: 503,
            headers: { 'Retry-After': '1' },
          }),
        );
      }
      ensureWorkers();
      return new Promise<PoolResult>((resolve, reject) => {
        queue.push({ id: nextId++, job, hook: options.testHooks ? hook : undefined, resolve, reject });
        dispatch();
      });
    },
    stats: () => ({ renders, spawned, queued: queue.length }),
    async close() {
      closed = true;
      for (const task of queue.splice(0)) task.reject(closedError());
      const exits = [...workers].map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.child.exitCode !== null || worker.child.signalCode !== null) return resolve();
            worker.child.once('exit', () => resolve());
            worker.child.kill('SIGKILL');
          }),
      );
      await Promise.all(exits);
    },
  };
}

function closedError(): AppError {
  return new AppError('CARD_RENDER_FAILED', 'card renderer is shut down', { status: 503 });
}

/**
 * The worker script beside this module: render-worker.ts under tsx/vitest (loaded through tsx's ESM hooks),
 * render-worker.js once compiled.
 */
function workerEntry(): { entry: string; execArgv: string[] } {
  const self = fileURLToPath(import.meta.url);
  const typescript = self.endsWith('.ts');
  const entry = fileURLToPath(new URL(typescript ? './render-worker.ts' : './render-worker.js', import.meta.url));
  return { entry, execArgv: typescript ? ['--import', import.meta.resolve('tsx')] : [] };
}
