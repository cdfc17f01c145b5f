import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cardSpecForArticle } from '../../src/cards/index.js';
import { startAssetServer } from '../lib/asset-server.js';
import { loadSeed, variantOf } from '../lib/fixtures.js';
import { runConcurrently, summarize } from '../lib/measure.js';
import { type BenchOptions, scaled } from '../lib/options.js';
import { readCpuSeconds, readTreeRss } from '../lib/process-memory.js';
import type { Report } from '../lib/report.js';
import { type CountedCards, createCountedCards } from '../lib/syndicard-cards.js';
import type { PeerReply, PeerRequest } from './throughput-peer.js';

const SECTION = '4 render throughput';
const POOLS = [1, 2] as const;
const ROUNDS = 5;
/**
 * Cards each worker (and each peer) draws before the rounds. A worker's CPU per card falls as V8 optimises satori
 * on its own thread: ~17 ms over its first cards, ~11 ms after a few hundred, 8.5–9.8 ms after ~1,500
 * (docs/performance.md, "Render pool: satori's huge functions"). With a warm-up per pool the two workers were always
 * half as warm as the one, and the ratio measured their JIT's age as much as their scaling, so every worker is warmed
 * alike, as each peer process always was. The rounds then gave the one worker 120 cards each and each of two workers
 * 60, so the one went on ageing twice as fast (1,200 cards by the last round against 900); now every worker draws 60
 * cards a round in either pool (the one worker's round is 60 cards, the two workers' 120), as each peer process draws
 * the same 120 whether it runs alone or beside the other.
 */
const WARM_CARDS_PER_WORKER = 600;

/**
 * 4: distinct cards (half photo JPEG, half text PNG, as served) rendered as fast as the pool allows, with twice as
 * many in flight as there are workers so no worker waits on the main process; 1 worker is the baseline.
 *
 * The two pools run in alternating rounds (1 worker, 2 workers, 1, 2…) and the ratio is the median of each round's
 * pair: two workers need both cores, so anything else the machine does in a moment takes from the 2-worker figure
 * alone, and one run of each, seconds apart, gave ratios from 1.2 to 1.9 on a shared machine.
 *
 * The peer, in the same rounds: one and two separate processes each running the whole card service and drawing
 * in-process (throughput-peer.ts), nothing shared, no IPC. Two of them against one is what this machine's cores give
 * for this work (caches, memory bandwidth, the hypervisor): the ceiling of the pool's ratio.
 */
export async function runThroughput(options: BenchOptions, report: Report): Promise<void> {
  const assets = await startAssetServer();
  const seed = await loadSeed(assets.photoUrl);
  const perRound = scaled(options, 120, 30);
  /** A pool's cards in a round: the same number for each of its workers, so every worker ages alike (see above). */
  const poolRound = (workers: number) => (perRound / 2) * workers;
  const pools = new Map<number, { counted: CountedCards; pids: number[]; seconds: number[]; cpu: Cpu }>();
  const warm = scaled(options, WARM_CARDS_PER_WORKER, 20);
  const peers = await Promise.all([0, 1].map((n) => startPeer(assets.photoUrl, `p${n}-`)));
  // Spawn, fonts, JIT: each peer draws as many cards as each worker below (indexes below 0: the rounds' are not hit).
  await Promise.all(peers.map((peer) => ask(peer, { first: -warm, count: warm })));
  const peerSeconds = new Map<number, number[]>(POOLS.map((n) => [n, []]));
  try {
    let known = new Set<number>();
    for (const workers of POOLS) {
      const counted = await createCountedCards({ workers });
      // Spawn, fonts, JIT: `warm` cards per worker (the pool hands each card to a free worker, so they share alike).
      await runConcurrently((i) => render(counted, workers, -1 - i), warm * workers, 2 * workers);
      const pids = (await readTreeRss()).processes
        .filter((p) => p.role === 'render worker' && !known.has(p.pid))
        .map((p) => p.pid);
      known = new Set([...known, ...pids]);
      pools.set(workers, { counted, pids, seconds: [], cpu: { main: 0, workers: 0 } });
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const workers of POOLS) {
        const pool = pools.get(workers)!;
        const before = { main: process.cpuUsage(), workers: await sumCpu(pool.pids) };
        const first = round * perRound;
        const result = await runConcurrently(
          (i) => render(pool.counted, workers, first + i),
          poolRound(workers),
          2 * workers,
        );
        pool.cpu.main += cpuSeconds(process.cpuUsage(before.main));
        pool.cpu.workers += (await sumCpu(pool.pids)) - before.workers;
        pool.seconds.push(result.seconds);
      }
      for (const processes of POOLS) {
        const first = round * perRound;
        const times = await Promise.all(peers.slice(0, processes).map((peer) => ask(peer, { first, count: perRound })));
        peerSeconds.get(processes)!.push(Math.max(...times));
      }
    }
    const one = pools.get(1)!.seconds;
    const ratios = pools.get(2)!.seconds.map((seconds, round) => poolRound(2) / seconds / (poolRound(1) / one[round]!));
    const ratio = summarize(ratios).median;
    for (const [workers, { seconds, cpu }] of pools) {
      const total = poolRound(workers) * ROUNDS;
      const wall = seconds.reduce((sum, s) => sum + s, 0);
      const busy = `CPU cores busy: main ${(cpu.main / wall).toFixed(2)}, workers ${(cpu.workers / wall).toFixed(2)}`;
      report.row({
        section: SECTION,
        subject: `syndicard, ${workers} worker${workers > 1 ? 's' : ''}`,
        unit: 'cards/s',
        median: summarize(seconds.map((s) => poolRound(workers) / s)).median,
        n: total,
        ...(workers > 1 ? { vsBaseline: `${ratio.toFixed(2)}× 1 worker` } : {}),
        note: `${workers > 1 ? `rounds ${ratios.map((r) => r.toFixed(2)).join(' ')} (median taken); ` : ''}${ROUNDS} rounds of ${poolRound(workers)} cards alternating with the other pool (half photo jpeg, half text png); ${busy}; ${((cpu.workers * 1000) / total).toFixed(1)} worker-CPU ms/card, main ${((cpu.main * 1000) / total).toFixed(2)} ms/card`,
      });
    }
    const peerOne = peerSeconds.get(1)!;
    const peerRatios = peerSeconds.get(2)!.map((seconds, round) => (2 * peerOne[round]!) / seconds);
    const ceiling = summarize(peerRatios).median;
    for (const processes of POOLS) {
      const seconds = peerSeconds.get(processes)!;
      report.row({
        section: SECTION,
        subject: `peer: ${processes} separate process${processes > 1 ? 'es' : ''} drawing in-process`,
        unit: 'cards/s',
        median: summarize(seconds.map((s) => (processes * perRound) / s)).median,
        n: processes * perRound * ROUNDS,
        ...(processes > 1 ? { vsBaseline: `${ceiling.toFixed(2)}× 1 process` } : {}),
        note: `${processes > 1 ? `rounds ${peerRatios.map((r) => r.toFixed(2)).join(' ')} (median taken); ` : ''}the whole card service in each process (workers: 0), nothing shared, no IPC: what the cores give (the pool's ceiling)${processes > 1 ? `; the pool reaches ${((100 * ratio) / ceiling).toFixed(0)} % of it` : ''}`,
      });
    }
    // Issue 11: ≥ 1.8× (was 1.7×).
    report.target('render throughput, 2 workers vs 1', '≥ 1.8×', `${ratio.toFixed(2)}×`, ratio >= 1.8);
  } finally {
    for (const { counted } of pools.values()) await counted.cards.close();
    for (const peer of peers) peer.kill();
    await assets.close();
  }

  async function render({ cards }: CountedCards, workers: number, i: number): Promise<void> {
    const template = i % 2 === 0 ? 'photo' : 'plain';
    const spec = cardSpecForArticle(variantOf(seed.article, i, `w${workers}-`), seed.site, template);
    await cards.render(spec, template === 'photo' ? 'jpeg' : 'png');
  }
}

function startPeer(photoUrl: string, tag: string): Promise<ChildProcess> {
  // One thread each, as a render worker runs (render-pool.ts): V8's background threads would borrow the other core.
  const child = fork(fileURLToPath(new URL('./throughput-peer.ts', import.meta.url)), [], {
    execArgv: ['--single-threaded', '--import', import.meta.resolve('tsx')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return ask(child, { photoUrl, tag }).then(() => child);
}

/** One request to a peer and its reply (a peer answers one request at a time). */
function ask(child: ChildProcess, request: PeerRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`throughput peer exited (code ${code})`));
    child.once('exit', onExit);
    child.once('message', (reply: PeerReply) => {
      child.off('exit', onExit);
      if ('error' in reply) reject(new Error(`throughput peer failed: ${reply.error}`));
      else resolve('seconds' in reply ? reply.seconds : 0);
    });
    child.send(request);
  });
}

interface Cpu {
  main: number;
  workers: number;
}

async function sumCpu(pids: number[]): Promise<number> {
  let total = 0;
  for (const pid of pids) total += await readCpuSeconds(pid).catch(() => 0);
  return total;
}

function cpuSeconds(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1e6;
}
