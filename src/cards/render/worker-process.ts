import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Font } from 'satori';
import type { FontCatalog } from '../fonts/index.js';
import { type CardSlots, openCardSlots } from './card-slots.js';
import { TEST_HOOKS_ARG } from './render-protocol.js';

/**
 * Starting a render worker process (render-pool.ts decides when): its script, Node flags and environment, and the
 * two card slots it writes finished cards to (card-slots.ts).
 */

/**
 * Returns a function that opens a worker's card slots and forks it, with the slots as its descriptors 4 and 5
 * (card-slots.ts: WORKER_SLOT_FDS). Throws, starting nothing, if the slots cannot be opened.
 */
export function workerLauncher(
  fonts: Font[],
  catalog: FontCatalog,
  testHooks: boolean,
): () => { child: ChildProcess; slots: CardSlots } {
  const { entry, execArgv } = workerEntry(fonts, catalog);
  return () => {
    const slots = openCardSlots();
    try {
      const child = fork(entry, testHooks ? [TEST_HOOKS_ARG] : [], {
        execArgv,
        env: { ...process.env, ...WORKER_ENV },
        serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'inherit', 'ipc', slots.fds[0], slots.fds[1]],
      });
      return { child, slots };
    } catch (error) {
      slots.close();
      throw error;
    }
  };
}

/**
 * What a worker process is started with. Each renders one card at a time on one core, so libuv's thread pool (sharp
 * runs its work there; satori and resvg's `render()` run on the JS thread) needs one thread, and glibc needs few
 * malloc arenas (it makes up to 8 per core for the threads that do allocate, ~35 MB of RSS per process measured).
 * The child inherits the parent's environment (PATH, NODE_OPTIONS…) plus these.
 */
const WORKER_ENV = { UV_THREADPOOL_SIZE: '1', MALLOC_ARENA_MAX: '2' };

/** Functions with more bytecode than this are never optimised by TurboFan in a worker (V8's default: 60 KB). */
export const MAX_OPTIMIZED_BYTECODE_BYTES = 16_384;

/**
 * The worker script beside this module and its Node flags: render-worker.js once compiled; render-worker.ts under
 * tsx or vitest, loaded through tsx's CommonJS hook, which transforms in the process's own thread (its ESM hooks
 * run a second V8 isolate for the loader, ~30 MB per worker).
 *
 * V8 heap limits keep a worker's resident size near what it uses: a render leaves ~0.5 MB of garbage, and with the
 * default 16 MB semi-spaces and an old space that grows until it reaches hundreds of MB, RSS climbed ~100 MB over a
 * few hundred cards with ~30 MB live. The old space gets room for satori's parsed fonts (a full CJK font costs
 * ~100 MB: DEPENDENCY-NOTES.md), scaled by the bytes of every font the worker may load; a worker that still runs out is replaced like any crash.
 *
 * `--single-threaded` keeps V8's own work (garbage collection, optimising compiles, wasm tier-up) on the worker's
 * thread: with its background threads one worker used ~1.2 cores, so two workers on two cores drew only 1.2× the
 * cards of one; on one core each, 1.9× (bench, issue 4). A lone worker with a spare core loses ~10 % to it.
 *
 * `--max-optimized-bytecode-size` leaves satori's few huge functions (its element walker, >16 KB of bytecode) to the
 * baseline compiler. Single-threaded, TurboFan compiled that walker on the worker's own thread in 0.8–1.3 s, twice per
 * worker (a deopt, then again), and compiles were 23 % of two new workers' CPU over their first 600 cards (perf;
 * docs/performance.md, "Render pool: satori's huge functions left unoptimised"): 14.2 → 12.6 ms of worker CPU a
 * card over those cards, while a warm worker's CPU a card stayed within the noise (≤ ~1 %).
 */
function workerEntry(fonts: Font[], catalog: FontCatalog): { entry: string; execArgv: string[] } {
  const self = fileURLToPath(import.meta.url);
  const typescript = self.endsWith('.ts');
  const entry = fileURLToPath(new URL(typescript ? './render-worker.ts' : './render-worker.js', import.meta.url));
  // Every font a worker may end up holding: the base fonts and each fallback it loads lazily.
  const fallbackBytes = catalog.fallbacks.flatMap((font) => font.faces).reduce((sum, face) => sum + face.bytes, 0);
  const fontMegabytes = (fonts.reduce((sum, font) => sum + font.data.byteLength, 0) + fallbackBytes) / 1_048_576;
  const oldSpaceMegabytes = Math.ceil(96 + 12 * fontMegabytes);
  const v8 = [
    '--single-threaded',
    `--max-optimized-bytecode-size=${MAX_OPTIMIZED_BYTECODE_BYTES}`,
    '--max-semi-space-size=2',
    `--max-old-space-size=${oldSpaceMegabytes}`,
  ];
  if (!typescript) return { entry, execArgv: v8 };
  // In a `"type": "module"` package Node hands any main script but a .cjs to its ESM loader, which has no .ts hook
  // here: the worker is required from `--eval` instead (the script's path stays in argv, for `ps` and the bench).
  // tsx turns source maps on; off, Node does not parse every dependency's map as it loads (satori's is 3 MB),
  // ~13 MB per worker that only stack traces would use.
  const tsxCjs = fileURLToPath(import.meta.resolve('tsx/cjs'));
  const load = 'process.setSourceMapsEnabled(false); require(process.argv[1])';
  return { entry, execArgv: [...v8, '--require', tsxCjs, '--eval', load] };
}
