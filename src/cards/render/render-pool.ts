import type { ChildProcess } from 'node:child_process';
import type { Font } from 'satori';
import { errorMessage } from '../../errors.js';
import type { RenderJob } from '../compose/index.js';
import { EMPTY_CATALOG, type FontCatalog } from '../fonts/index.js';
import type { CardSlots, Slot } from './card-slots.js';
import { closedError, queueFull, renderFailed } from './render-errors.js';
import { type FromWorker, PHOTOS_PER_WORKER, type RenderHook, type ToWorker } from './render-protocol.js';
import { workerLauncher } from './worker-process.js';

export interface RenderPoolOptions {
  fonts: Font[];
  /** Fallback fonts and emoji, loaded by each worker the first time a card needs them. */
  catalog?: FontCatalog;
  /** Child processes at most, started as cards need them; each renders one card at a time. */
  workers: number;
  timeoutMs: number;
  log: { warn(obj: object, msg?: string): void; error(obj: object, msg?: string): void };
  /**
   * Cards allowed to wait for a worker; past it render() fails at once with 503 CARD_QUEUE_FULL and Retry-After,
   * so a flood of distinct ad-hoc cards sheds load instead of growing memory and latency without bound.
   * 64 per worker by default (~2 s of work at ~30 ms a card).
   */
  maxQueue?: number;
  /**
   * A worker that has drawn nothing for this long exits (its fonts, photos and heap go with it) and the next card
   * starts one again: a quiet server gives its ~100 MB per worker back. 0 keeps workers for good.
   */
  idleMs?: number;
  /** Lets jobs carry a RenderHook (abort, hang): for tests of crash isolation only. */
  testHooks?: boolean;
  /** Where a finished card's bytes are read to: the card cache's buffers (card-arena.ts), or new ones. */
  allocate?: (length: number) => Buffer;
}

interface PoolResult {
  bytes: Buffer;
}

export interface RenderPool {
  render(job: RenderJob, hook?: RenderHook): Promise<PoolResult>;
  /**
   * Renders dispatched to a worker so far, workers started (replacements included), workers that exited idle, workers
   * alive now. `photoResends`: jobs sent again with their photo because the worker no longer held it (rare: see send()).
   */
  stats(): {
    renders: number;
    spawned: number;
    queued: number;
    photoResends: number;
    idleExits: number;
    workers: number;
  };
  close(): Promise<void>;
}

interface Task {
  id: number;
  job: RenderJob;
  hook: RenderHook | undefined;
  /** Where the worker it was last sent to writes it (card-slots.ts): set by send(). */
  slot: Slot;
  resolve(result: PoolResult): void;
  reject(error: Error): void;
}

interface Worker {
  child: ChildProcess;
  /** The two files the worker writes its cards to; closed when it exits. */
  slots: CardSlots;
  ready: boolean;
  /** The card the worker is drawing (its timeout running), and the one sent after it that waits in its inbox. */
  task: Task | undefined;
  next: Task | undefined;
  timer: NodeJS.Timeout | undefined;
  /** Set while the worker is ready and has nothing to draw: when it fires, the worker is retired. */
  idleTimer: NodeJS.Timeout | undefined;
  /** The photos (SHA-256) this worker holds decoded, least recently used first, as its own LRU keeps them. */
  photos: Set<string>;
}

/**
 * Renders cards in child processes, never threads: a resvg-js native panic aborts the whole process (upstream issue
 * #287), which for a worker thread means the server. A worker that dies or overruns the timeout fails only the card
 * it was drawing (503 CARD_RENDER_FAILED) and is replaced; queued cards wait for the next free worker.
 */
export function createRenderPool(options: RenderPoolOptions): RenderPool {
  const { fonts, timeoutMs, log } = options;
  const catalog = options.catalog ?? EMPTY_CATALOG;
  const size = Math.max(1, options.workers);
  const maxQueue = options.maxQueue ?? 64 * size;
  const workers = new Set<Worker>();
  const queue: Task[] = [];
  let nextId = 1;
  let renders = 0;
  let photoResends = 0;
  let spawned = 0;
  let idleExits = 0;
  let closed = false;
  const idleMs = options.idleMs ?? 0;
  let startFailures = 0;

  const launch = workerLauncher(fonts, catalog, options.testHooks ?? false);

  /** Starts a worker; false if it could not be (its card slots could not be opened: no descriptors or no room). */
  function spawn(): boolean {
    let started: { child: ChildProcess; slots: CardSlots };
    try {
      started = launch();
    } catch (error) {
      log.error({ err: error }, 'render worker could not be started');
      return false;
    }
    const { child, slots } = started;
    spawned++;
    const worker: Worker = {
      child,
      slots,
      ready: false,
      task: undefined,
      next: undefined,
      timer: undefined,
      idleTimer: undefined,
      photos: new Set(),
    };
    workers.add(worker);
    child.on('message', (message: FromWorker) => onMessage(worker, message));
    child.on('error', (error) => {
      // A process that could not be started has no 'exit' to come (Node's ChildProcess.spawn).
      if (child.pid === undefined) slots.close();
      log.error({ err: error, pid: child.pid }, 'render worker error');
    });
    child.on('exit', (code, signal) => {
      slots.close();
      onExit(worker, code, signal);
    });
    child.send({ type: 'init', fonts, catalog } satisfies ToWorker);
    return true;
  }

  function onMessage(worker: Worker, message: FromWorker): void {
    if (message.type === 'ready') {
      worker.ready = true;
      startFailures = 0;
    } else if (message.type === 'photo-missing') {
      const missing = worker.task;
      if (missing?.id !== message.id) return;
      photoResends++;
      worker.photos.delete(message.sha256);
      // The worker skipped this card and draws the one waiting behind it first; the card sent again comes after.
      if (worker.next) {
        worker.task = worker.next;
        worker.next = missing;
        startTimer(worker);
      }
      send(worker, missing);
      return;
    } else {
      const task = worker.task;
      if (!task || task.id !== message.id) return;
      finish(worker);
      if (message.type === 'done') {
        // Read now, before dispatch() sends this worker another card that may be given this slot.
        let bytes: Buffer | undefined;
        try {
          bytes = worker.slots.read(task.slot, message.length, options.allocate);
        } catch (error) {
          task.reject(
            renderFailed(`card render failed: its bytes could not be read: ${errorMessage(error).slice(0, 200)}`),
          );
        }
        if (bytes) task.resolve({ bytes });
      } else {
        task.reject(renderFailed(`card render failed: ${message.message.slice(0, 200)}`));
      }
    }
    dispatch();
  }

  function onExit(worker: Worker, code: number | null, signal: NodeJS.Signals | null): void {
    stopIdle(worker);
    // A worker killed for overrunning, or retired idle, left the pool then (its render, if any, already failed).
    if (!workers.delete(worker)) return;
    const { task, next } = worker;
    stop(worker);
    if (closed) {
      task?.reject(closedError());
      next?.reject(closedError());
      return;
    }
    // The card waiting behind the one that was drawing had not started: it goes back to the front of the queue.
    if (next) queue.unshift(next);
    log.warn({ pid: worker.child.pid, code, signal, rendering: Boolean(task) }, 'render worker exited; replacing it');
    task?.reject(renderFailed(`card renderer process exited (${signal ?? `code ${code}`}) while drawing`));
    // A worker that keeps dying before it is ready (a broken install) must not be respawned in a tight loop:
    // after three in a row the queue fails, and the next render() tries again.
    if (!worker.ready && ++startFailures >= 3) {
      for (const queued of queue.splice(0)) {
        queued.reject(renderFailed('card renderer processes fail to start'));
      }
      startFailures = 0;
      return;
    }
    ensureWorkers();
    dispatch();
  }

  /** The worker is done with its card: the one waiting behind it, if any, is the one it draws now. */
  function finish(worker: Worker): void {
    worker.task = worker.next;
    worker.next = undefined;
    startTimer(worker);
  }

  /** The worker draws nothing more (it exited, or is being killed). */
  function stop(worker: Worker): void {
    if (worker.timer) clearTimeout(worker.timer);
    worker.timer = undefined;
    worker.task = undefined;
    worker.next = undefined;
  }

  /**
   * The timeout of the card the worker draws now, from when it started on it. A worker kept busy starts a card each
   * time it finishes one: its one timer is re-armed (refresh()) rather than cleared and made again.
   */
  function startTimer(worker: Worker): void {
    if (!worker.task) {
      if (worker.timer) clearTimeout(worker.timer);
      worker.timer = undefined;
    } else if (worker.timer) {
      worker.timer.refresh();
    } else {
      worker.timer = setTimeout(() => timedOut(worker), timeoutMs);
    }
  }

  function timedOut(worker: Worker): void {
    log.warn({ pid: worker.child.pid, timeoutMs }, 'card render timed out; killing its worker');
    const { task, next } = worker;
    stop(worker);
    workers.delete(worker);
    worker.child.kill('SIGKILL');
    task?.reject(renderFailed(`card render took longer than ${timeoutMs} ms`));
    if (next) queue.unshift(next);
    ensureWorkers();
    dispatch();
  }

  /** Cards waiting for a renderer: in the queue, or sent to a worker behind the card it draws. */
  function waiting(): number {
    let sent = 0;
    for (const worker of workers) if (worker.next) sent++;
    return queue.length + sent;
  }

  /**
   * Workers are started on demand, one per card drawing or waiting, up to the pool size: a server that draws a card
   * now and then keeps one process (~110 MB) instead of all of them.
   */
  function ensureWorkers(): void {
    let drawing = 0;
    for (const worker of workers) if (worker.task) drawing++;
    const wanted = Math.min(size, drawing + waiting());
    while (!closed && workers.size < wanted) {
      if (spawn()) continue;
      // No worker can be started now: cards no worker is drawing would wait for good. The next render() tries again.
      if (workers.size === 0)
        for (const queued of queue.splice(0)) queued.reject(renderFailed('card renderer processes fail to start'));
      return;
    }
  }

  /**
   * Free workers take cards from the queue. When every worker of a full pool is drawing, each is also sent the next
   * card to wait in its inbox, so it starts on it the moment it is done instead of idling through the round trip to
   * this process (its 'done', this event loop's turn, the next 'render'): with two workers on two cores the main
   * process is often waiting for a core itself (bench 4: two workers kept 1.56–1.59 cores busy before, 1.66–1.70 after).
   * Only a saturated pool sends ahead, so a card never waits behind another while a worker is free or starting.
   */
  function dispatch(): void {
    for (const worker of workers) {
      if (!worker.ready || worker.task || !worker.child.connected) continue;
      const task = queue.shift();
      if (!task) {
        startIdle(worker);
        continue;
      }
      stopIdle(worker);
      worker.task = task;
      renders++;
      startTimer(worker);
      send(worker, task);
    }
    if (queue.length === 0 || workers.size < size) return;
    for (const worker of workers) if (!worker.ready || !worker.task) return;
    for (const worker of workers) {
      if (worker.next || !worker.child.connected) continue;
      const task = queue.shift();
      if (!task) return;
      worker.next = task;
      renders++;
      send(worker, task);
    }
  }

  function startIdle(worker: Worker): void {
    if (idleMs <= 0 || worker.idleTimer) return;
    worker.idleTimer = setTimeout(() => retire(worker), idleMs);
    worker.idleTimer.unref();
  }

  function stopIdle(worker: Worker): void {
    if (worker.idleTimer) clearTimeout(worker.idleTimer);
    worker.idleTimer = undefined;
  }

  /**
   * An idle worker leaves the pool before it is told to go, in the same turn of the event loop, so no card can be
   * handed to it on its way out: a card asked for a moment later starts a new worker (ensureWorkers). Closing its
   * IPC channel makes it exit (render-worker.ts); one that does not within 5 s is killed.
   */
  function retire(worker: Worker): void {
    worker.idleTimer = undefined;
    if (worker.task || worker.next || !workers.delete(worker)) return;
    idleExits++;
    if (worker.child.connected) worker.child.disconnect();
    setTimeout(() => {
      if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
    }, 5000).unref();
  }

  /**
   * Sends a task, with its photo's JPEG only if the worker does not hold that photo decoded. The worker's list is
   * updated as the worker will update its own: the photo becomes the most recently used, the least recent drops out.
   */
  function send(worker: Worker, task: Task): void {
    // The worker's other card not yet read by this process, if any, keeps its slot; this one gets the other.
    const other = worker.task === task ? worker.next : worker.task;
    task.slot = other?.slot === 0 ? 1 : 0;
    let job = task.job;
    const photo = job.photo;
    if (photo) {
      const held = worker.photos.delete(photo.sha256);
      worker.photos.add(photo.sha256);
      if (held) job = { ...job, photo: { sha256: photo.sha256 } };
      else if (worker.photos.size > PHOTOS_PER_WORKER) worker.photos.delete(worker.photos.values().next().value!);
    }
    const message: Extract<ToWorker, { type: 'render' }> = { type: 'render', id: task.id, slot: task.slot, job };
    if (task.hook) message.hook = task.hook;
    worker.child.send(message);
  }

  return {
    render(job, hook) {
      if (closed) return Promise.reject(closedError());
      const queued = waiting();
      if (queued >= maxQueue) return Promise.reject(queueFull(queued));
      return new Promise<PoolResult>((resolve, reject) => {
        queue.push({ id: nextId++, job, hook: options.testHooks ? hook : undefined, slot: 0, resolve, reject });
        ensureWorkers();
        dispatch();
      });
    },
    stats: () => ({ renders, spawned, queued: waiting(), photoResends, idleExits, workers: workers.size }),
    async close() {
      closed = true;
      for (const worker of workers) stopIdle(worker);
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
