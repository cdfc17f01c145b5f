import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadFonts } from '../../src/cards/index.js';
import { cropPhoto } from '../../src/cards/photo/photo-processor.js';
import { createRenderPool, type RenderPool } from '../../src/cards/render/render-pool.js';
import { MAX_OPTIMIZED_BYTECODE_BYTES } from '../../src/cards/render/worker-process.js';
import { FONTS_DIR, fixtureImage, makeLog, makeSpec } from './card-fixtures.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('render pool (child processes)', () => {
  let pool: RenderPool | undefined;
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });

  async function makePool(timeoutMs = 10_000, maxQueue?: number, workers = 1, idleMs?: number) {
    const log = makeLog();
    const { fonts } = await loadFonts(FONTS_DIR);
    pool = createRenderPool({
      fonts,
      workers,
      timeoutMs,
      log,
      testHooks: true,
      ...(maxQueue ? { maxQueue } : {}),
      ...(idleMs ? { idleMs } : {}),
    });
    return { pool, log };
  }

  /** Render worker processes alive now whose parent is this test process (from /proc). */
  function workerPids(): number[] {
    const pids: number[] = [];
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (Number(fields[1]) !== process.pid || fields[0] === 'Z') continue;
        if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('render-worker')) pids.push(Number(name));
      } catch {
        // The process ended while it was being read.
      }
    }
    return pids;
  }
  /** This process's descriptors open on a card slot (card-slots.ts). */
  function slotDescriptors(): string[] {
    const links: string[] = [];
    for (const fd of readdirSync('/proc/self/fd')) {
      try {
        const link = readlinkSync(`/proc/self/fd/${fd}`);
        if (link.includes('/syndicard-card-')) links.push(link);
      } catch {
        // The descriptor was the directory listing's own, closed since.
      }
    }
    return links;
  }
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  const job = () => ({ spec: makeSpec({ template: 'plain' }), template: 'plain' as const, format: 'png' as const });

  /** Photo cards of one headline and one cropped JPEG, each naming the photo by the hash it is given. */
  async function photoJobs() {
    const { jpeg } = await cropPhoto('unused', fixtureImage('hero-1600x900.jpg'));
    return (sha256: string) => ({
      spec: makeSpec({ headline: 'Same headline' }),
      template: 'photo' as const,
      format: 'png' as const,
      photo: { sha256, jpeg },
    });
  }

  it('a worker that aborts (as on a resvg panic) fails only that render with 503, and is replaced', async () => {
    const { pool, log } = await makePool();
    const before = await pool.render(job());
    expect(before.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);

    await expect(pool.render(job(), 'abort')).rejects.toMatchObject({
      name: 'AppError',
      status: 503,
      code: 'CARD_RENDER_FAILED',
      headers: { 'Retry-After': '2' },
    });
    const after = await pool.render(job());
    expect(after.bytes.equals(before.bytes)).toBe(true);
    expect(pool.stats().spawned).toBe(2);
    expect(log.warnings.map((w) => w.msg)).toContain('render worker exited; replacing it');
  });

  it('a render that overruns the timeout fails with 503, its worker is killed and the next render succeeds', async () => {
    // Long enough for a normal render on a loaded CI machine, short enough to keep the test quick.
    const { pool } = await makePool(4000);
    await pool.render(job()); // warm: the first render parses the fonts
    const started = Date.now();
    await expect(pool.render(job(), 'hang')).rejects.toMatchObject({ status: 503, code: 'CARD_RENDER_FAILED' });
    expect(Date.now() - started).toBeLessThan(8000);
    const next = await pool.render(job());
    expect(next.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pool.stats().spawned).toBe(2);
  });

  it('times out a card sent ahead that hangs (the worker’s one timer re-armed when it starts on it)', async () => {
    const { pool } = await makePool(3000);
    const reference = await pool.render(job()); // warm: the first render parses the fonts
    const first = pool.render(job());
    const hung = pool.render(job(), 'hang');
    const started = Date.now();
    expect((await first).bytes.equals(reference.bytes)).toBe(true);
    await expect(hung).rejects.toMatchObject({ status: 503, code: 'CARD_RENDER_FAILED' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
    expect((await pool.render(job())).bytes.equals(reference.bytes)).toBe(true);
    expect(pool.stats()).toMatchObject({ spawned: 2, queued: 0 });
  });

  it('sheds load past the queue limit with 503 and Retry-After, and keeps serving', async () => {
    const { pool } = await makePool(4000, 2);
    await pool.render(job());
    const hung = pool.render(job(), 'hang');
    const waiting = [pool.render(job()), pool.render(job())];
    await expect(pool.render(job())).rejects.toMatchObject({
      status: 503,
      code: 'CARD_QUEUE_FULL',
      headers: { 'Retry-After': '1' },
    });
    await expect(hung).rejects.toMatchObject({ code: 'CARD_RENDER_FAILED' });
    expect(await Promise.all(waiting)).toHaveLength(2);
  });

  it('queued renders wait for a free worker instead of failing', async () => {
    const { pool } = await makePool();
    const results = await Promise.all(
      [1, 2, 3].map((n) => pool.render({ ...job(), spec: makeSpec({ template: 'plain', headline: `Queued ${n}` }) })),
    );
    expect(results).toHaveLength(3);
    expect(pool.stats()).toMatchObject({ renders: 3, spawned: 1, queued: 0 });
  });

  it('sends a photo once per worker, and again after the worker has dropped it, without being asked', async () => {
    const { pool, log } = await makePool();
    const photoJob = await photoJobs();
    const first = await pool.render(photoJob('a'));
    // Named by hash only now: the worker still holds the decoded photo.
    expect((await pool.render(photoJob('a'))).bytes.equals(first.bytes)).toBe(true);
    // More photos than the worker keeps decoded push 'a' out of it, and out of the pool's list of what it holds.
    for (const sha256 of ['b', 'c', 'd', 'e', 'f']) await pool.render(photoJob(sha256));
    expect((await pool.render(photoJob('a'))).bytes.equals(first.bytes)).toBe(true);
    expect(pool.stats()).toMatchObject({ renders: 8, spawned: 1 });
    // The pool keeps the worker's list of decoded photos in step with the worker, so it sent 'a' again itself: the
    // worker never had to ask. Rotating six photos through a worker that keeps four, twice, and reusing the newest:
    for (const sha256 of ['b', 'c', 'd', 'e', 'f', 'a', 'b', 'c', 'd', 'e', 'f', 'f', 'e']) {
      await pool.render(photoJob(sha256));
    }
    expect(pool.stats()).toMatchObject({ renders: 21, spawned: 1, photoResends: 0 });
    expect(log.warnings).toEqual([]);
  });

  it('sends a busy worker its next card ahead; a crash fails only the card drawing and the one behind it is drawn', async () => {
    const { pool } = await makePool();
    const reference = await pool.render(job());
    // The worker is drawing the first card when the second (which aborts the worker) and the third arrive: the second
    // waits in the worker's inbox, the third in the queue until the worker is done with the first.
    const first = pool.render(job());
    const crashed = pool.render(job(), 'abort');
    const behind = pool.render(job());
    expect((await first).bytes.equals(reference.bytes)).toBe(true);
    await expect(crashed).rejects.toMatchObject({ code: 'CARD_RENDER_FAILED' });
    // Sent ahead to the worker that then crashed, but never started: drawn by its replacement, not failed.
    expect((await behind).bytes.equals(reference.bytes)).toBe(true);
    // Dispatched: the reference, the three, and the third once more (to the replacement).
    expect(pool.stats()).toMatchObject({ renders: 5, spawned: 2, queued: 0 });
  });

  it("keeps its list of a worker's photos in step when cards are sent ahead", async () => {
    const { pool, log } = await makePool();
    const photoJob = await photoJobs();
    const reference = await pool.render(photoJob('a'));
    // Eight at a time, so most are sent ahead while the worker draws: each names its photo by hash when the card
    // before it in the worker will have decoded it, and the worker must find it there.
    const rotation = ['b', 'c', 'a', 'd', 'e', 'a', 'f', 'b', 'a', 'c', 'd', 'e', 'f', 'a', 'a', 'b'];
    for (let i = 0; i < rotation.length; i += 8) {
      const drawn = await Promise.all(rotation.slice(i, i + 8).map((sha256) => pool.render(photoJob(sha256))));
      for (const card of drawn) expect(card.bytes.equals(reference.bytes)).toBe(true);
    }
    expect(pool.stats()).toMatchObject({ renders: 17, spawned: 1, photoResends: 0 });
    expect(log.warnings).toEqual([]);
  });

  it('gives a card sent ahead a card slot of its own: distinct cards in flight each come back as drawn alone', async () => {
    const { pool } = await makePool();
    // Headlines of different lengths: cards of different bytes and sizes, so one read from the wrong slot, or past
    // a shorter card into a longer one's tail, cannot go unseen.
    const headlines = [
      'A',
      'Two words',
      'A longer headline for a card',
      'Short',
      'The longest headline of all the six',
      'Mid size',
    ];
    const jobOf = (headline: string) => ({ ...job(), spec: makeSpec({ template: 'plain', headline }) });
    const alone: Buffer[] = [];
    for (const headline of headlines) alone.push((await pool.render(jobOf(headline))).bytes);
    expect(new Set(alone.map((bytes) => bytes.length)).size).toBe(headlines.length);
    // All at once: the worker draws one while the next waits in its inbox, and the rest wait in the queue. This
    // process then holds its event loop while the worker draws both and writes them, so it reads both late: a card
    // written over the other's slot would be seen.
    const pending = headlines.map((headline) => pool.render(jobOf(headline)));
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1500);
    const together = await Promise.all(pending);
    for (const [i, result] of together.entries()) expect(result.bytes.equals(alone[i]!), headlines[i]).toBe(true);
    expect(pool.stats()).toMatchObject({ renders: 12, spawned: 1 });
  });

  it("hands a worker its card slots as descriptors 4 and 5, and closes the pool's when it exits", async () => {
    const { pool } = await makePool();
    await pool.render(job());
    const [pid] = workerPids();
    // Unlinked files on tmpfs: nothing to clean up after a crash.
    for (const fd of [4, 5]) expect(readlinkSync(`/proc/${pid}/fd/${fd}`)).toMatch(/syndicard-card-.* \(deleted\)$/);
    expect(slotDescriptors()).toHaveLength(2);
    await expect(pool.render(job(), 'abort')).rejects.toMatchObject({ code: 'CARD_RENDER_FAILED' });
    // The crashed worker's slots are closed, its replacement has two of its own.
    await pool.render(job());
    expect(slotDescriptors()).toHaveLength(2);
    await pool.close();
    expect(slotDescriptors()).toEqual([]);
  });

  it('starts a worker with V8 on one thread, huge functions left unoptimised, and one libuv thread', async () => {
    const { pool } = await makePool();
    await pool.render(job());
    const [pid] = workerPids();
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    expect(argv).toContain('--single-threaded');
    expect(argv).toContain(`--max-optimized-bytecode-size=${MAX_OPTIMIZED_BYTECODE_BYTES}`);
    expect(MAX_OPTIMIZED_BYTECODE_BYTES).toBeLessThan(61_440); // below V8's default, or the flag would do nothing
    const env = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    expect(env).toEqual(expect.arrayContaining(['UV_THREADPOOL_SIZE=1', 'MALLOC_ARENA_MAX=2']));
  });

  it('starts workers only as cards need them, up to the pool size', async () => {
    const { pool } = await makePool(10_000, undefined, 2);
    expect(pool.stats().spawned).toBe(0);
    await pool.render(job());
    await pool.render(job());
    expect(pool.stats().spawned).toBe(1);
    await Promise.all([1, 2, 3, 4].map(() => pool.render(job())));
    expect(pool.stats()).toMatchObject({ renders: 6, spawned: 2 });
  });

  it('fails renders after close with 503', async () => {
    const { pool } = await makePool();
    await pool.close();
    await expect(pool.render(job())).rejects.toMatchObject({
      status: 503,
      code: 'CARD_RENDERER_STOPPED',
      headers: { 'Retry-After': '5' },
    });
  });

  it('a worker idle for idleMs exits, and the next card starts one that draws it the same', async () => {
    const { pool, log } = await makePool(10_000, undefined, 1, 300);
    const first = await pool.render(job());
    expect(workerPids()).toHaveLength(1);
    await vi.waitFor(() => expect(workerPids()).toEqual([]), { timeout: 10_000, interval: 50 });
    expect(pool.stats()).toMatchObject({ idleExits: 1, workers: 0, spawned: 1 });
    const again = await pool.render(job());
    expect(again.bytes.equals(first.bytes)).toBe(true);
    expect(pool.stats()).toMatchObject({ spawned: 2, workers: 1 });
    expect(workerPids()).toHaveLength(1);
    // An idle exit is not a crash: nothing is logged as one.
    expect(log.warnings).toEqual([]);
  });

  // A worker start costs about a second on a loaded machine (process, tsx, fonts): room for a dozen.
  it('loses and fails no card that arrives while a worker is exiting idle', { timeout: 90_000 }, async () => {
    const idleMs = 40;
    const { pool, log } = await makePool(10_000, undefined, 2, idleMs);
    const reference = await pool.render(job());
    const results: Buffer[] = [];
    // Each round waits about the idle period after the last card (a little less, exactly, a little more), then asks
    // for one card or a burst of three: some arrive just before a retirement, some in the same tick, some after.
    for (let round = 0; round < 12; round++) {
      await sleep(idleMs - 2 + (round % 5));
      const burst = round % 3 === 0 ? 3 : 1;
      const drawn = await Promise.all(Array.from({ length: burst }, () => pool.render(job())));
      results.push(...drawn.map((r) => r.bytes));
    }
    expect(results).toHaveLength(4 * 3 + 8);
    for (const bytes of results) expect(bytes.equals(reference.bytes)).toBe(true);
    // The race was run: workers did exit idle between the rounds, and every card still came back.
    expect(pool.stats().idleExits).toBeGreaterThanOrEqual(3);
    expect(log.warnings).toEqual([]);
    expect(log.errors).toEqual([]);
  });
});
