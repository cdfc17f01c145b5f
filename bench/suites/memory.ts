import { execFile } from 'node:child_process';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { startAssetServer } from '../lib/asset-server.js';
import { PROJECT_ROOT } from '../lib/fixtures.js';
import { runInChild } from '../lib/one-shot-child.js';
import type { BenchOptions } from '../lib/options.js';
import { MB, type ProcessTreeRss } from '../lib/process-memory.js';
import type { Report } from '../lib/report.js';
import type { MemoryRequest, MemoryResult } from './memory-child.js';

const SECTION = '5 memory (RSS)';
/** The card cache is memory held on purpose (128 MB by default): bounded small here so growth shows leaks, not it. */
const CACHE_BYTES = 16 * MB;
const TSC = join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
/** SYNDICARD_RENDER_IDLE_MS for the run: shorter than the default minute, so the bench waits seconds, not minutes. */
const RENDER_IDLE_MS = 3000;

export async function runMemory(options: BenchOptions, report: Report): Promise<void> {
  const assets = await startAssetServer();
  try {
    const result = await runChild({
      photoUrl: assets.photoUrl,
      renders: options.memoryRenders,
      cacheMaxBytes: CACHE_BYTES,
      renderIdleMs: RENDER_IDLE_MS,
    });
    const mb = (bytes: number) => bytes / MB;
    const growth = result.after.total - result.idle.total;
    const rows: [string, number, string][] = [
      ['idle before any card, total', result.beforeAny.total, split(result.beforeAny)],
      ['idle (after 20 warm-up renders), total', result.idle.total, split(result.idle)],
      [`peak over ${options.memoryRenders} distinct cards, total`, result.peak.total, split(result.peak)],
      [`after ${options.memoryRenders} distinct cards, total`, result.after.total, split(result.after)],
      [
        'growth (after − idle), total',
        growth,
        `main ${fmt(result.after.main - result.idle.main)}, render workers ${fmt(workers(result.after) - workers(result.idle))}`,
      ],
    ];
    const half = result.checkpoints[Math.floor(result.checkpoints.length / 2) - 1];
    const last = result.checkpoints.at(-1);
    if (half && last) {
      rows.push([
        `growth over the second half (cards ${half.renders} → ${last.renders}), total`,
        last.total - half.total,
        `per tenth: ${result.checkpoints.map((c) => (c.total / MB).toFixed(0)).join(', ')} MB`,
      ]);
    }
    rows.push([
      `idle after the render workers' idle timeout (${RENDER_IDLE_MS / 1000} s), total`,
      result.afterIdle.total,
      split(result.afterIdle),
    ]);
    for (const [subject, bytes, note] of rows)
      report.row({ section: SECTION, subject, unit: 'MB', median: mb(bytes), note });
    report.facts.memory = { ...result, cacheMaxBytes: CACHE_BYTES };
    report.target(
      `RSS growth over ${options.memoryRenders} renders (main + workers)`,
      '< 50 MB',
      fmt(growth),
      growth < 50 * MB,
    );
    report.target('RSS idle (main + workers)', '< 200 MB', fmt(result.idle.total), result.idle.total < 200 * MB);
    report.target(
      'RSS idle before any card (main, no worker yet)',
      '< 200 MB',
      fmt(result.beforeAny.total),
      result.beforeAny.total < 200 * MB,
    );
    report.target(
      'RSS idle after the render idle timeout (main + workers)',
      '< 200 MB',
      fmt(result.afterIdle.total),
      result.afterIdle.total < 200 * MB,
    );

    // The same service compiled by tsc (as `npm run build` would ship it): its workers run on plain node, without
    // tsx's loader thread and transform caches. A short run, for the idle figure.
    // Skipped by BENCH_QUICK: compiling src/ alone takes ~8 s.
    const compiled = options.quick ? undefined : await compileCards();
    if (compiled) {
      const renders = Math.min(500, options.memoryRenders);
      const js = await runChild({
        photoUrl: assets.photoUrl,
        renders,
        cacheMaxBytes: CACHE_BYTES,
        compiledCards: compiled,
        renderIdleMs: RENDER_IDLE_MS,
      });
      report.row({
        section: SECTION,
        subject: 'compiled (tsc) workers: idle, total',
        unit: 'MB',
        median: mb(js.idle.total),
        note: split(js.idle),
      });
      report.row({
        section: SECTION,
        subject: `compiled (tsc) workers: after ${renders} cards, total`,
        unit: 'MB',
        median: mb(js.after.total),
        note: split(js.after),
      });
      report.row({
        section: SECTION,
        subject: 'compiled (tsc): before any card / after the idle timeout, total',
        unit: 'MB',
        median: mb(js.afterIdle.total),
        note: `before any card ${split(js.beforeAny)}; after the idle timeout ${split(js.afterIdle)}`,
      });
      report.facts.memoryCompiledWorkers = js;
    }
  } finally {
    await assets.close();
  }
}

function split(rss: ProcessTreeRss): string {
  const byRole = new Map<string, { n: number; bytes: number }>();
  for (const p of rss.processes) {
    const entry = byRole.get(p.role) ?? { n: 0, bytes: 0 };
    byRole.set(p.role, { n: entry.n + 1, bytes: entry.bytes + p.rss });
  }
  const parts = [...byRole].map(([role, { n, bytes }]) => `${n} ${role} ${fmt(bytes)}`);
  return [`main ${fmt(rss.main)}`, ...parts].join(' + ');
}

function workers(rss: ProcessTreeRss): number {
  return rss.processes.filter((p) => p.role === 'render worker').reduce((sum, p) => sum + p.rss, 0);
}

function fmt(bytes: number): string {
  return `${(bytes / MB).toFixed(0)} MB`;
}

/** Compiles src/ with the project's build config into bench/results/dist (gitignored); undefined if it fails. */
async function compileCards(): Promise<string | undefined> {
  const outDir = fileURLToPath(new URL('../results/dist/', import.meta.url));
  try {
    await promisify(execFile)(
      process.execPath,
      [TSC, '-p', join(PROJECT_ROOT, 'tsconfig.build.json'), '--outDir', outDir],
      {
        cwd: PROJECT_ROOT,
        timeout: 120_000,
      },
    );
    // dist/ sits one level below its package.json in a real build; compiled modules read `../../package.json`
    // (the loader's User-Agent), so a copy goes beside this dist (it also gives the JS its "type": "module").
    await copyFile(join(PROJECT_ROOT, 'package.json'), join(outDir, '..', 'package.json'));
    return pathToFileURL(join(outDir, 'cards', 'index.js')).href;
  } catch (error) {
    process.stderr.write(
      `bench: compiling src/ for the compiled-workers memory run failed, skipping it: ${String(error)}\n`,
    );
    return undefined;
  }
}

function runChild(request: MemoryRequest): Promise<MemoryResult> {
  return runInChild(new URL('./memory-child.ts', import.meta.url), request, 'memory run');
}
