import { cpus, loadavg } from 'node:os';
import { RESULTS_FILE } from './lib/fixtures.js';
import { type BenchOptions, readBenchOptions, type SuiteName } from './lib/options.js';
import { Report, renderTable, writeResults } from './lib/report.js';
import { readVersions } from './lib/versions.js';
import { runCliCold } from './suites/cli-cold.js';
import { runCluster } from './suites/cluster.js';
import { runColdRender } from './suites/cold-render.js';
import { runEventLoop } from './suites/event-loop.js';
import { runFeedBuild } from './suites/feed-build.js';
import { runHttpServing } from './suites/http-serving.js';
import { runMemory } from './suites/memory.js';
import { runThroughput } from './suites/throughput.js';
import { runWorldScripts } from './suites/world-scripts.js';

/**
 * `npm run bench`: every benchmark of issue 4, in one process tree, each against a baseline measured in the same
 * run; prints one table with the versions used and PASS/FAIL per target, and writes the figures as JSON.
 * No test runner: this file is the entry point (see bench/lib/options.ts for the environment knobs).
 */
const SUITE_RUNNERS: Record<SuiteName, ((options: BenchOptions, report: Report) => Promise<void>) | undefined> = {
  cold: runColdRender,
  http: runHttpServing,
  feeds: runFeedBuild,
  throughput: runThroughput,
  memory: runMemory,
  eventloop: runEventLoop,
  cluster: runCluster,
  scripts: runWorldScripts,
  cli: runCliCold,
};

async function main(): Promise<void> {
  const options = readBenchOptions(process.env, RESULTS_FILE);
  const cpuList = cpus();
  const versions = await readVersions(`${cpuList.length}× ${cpuList[0]?.model.trim() ?? 'unknown'}`);
  const report = new Report();
  const started = Date.now();
  const loadBefore = loadavg();
  const timings: Record<string, number> = {};
  for (const [name, run] of Object.entries(SUITE_RUNNERS)) {
    if (!run || (options.only && !options.only.has(name))) continue;
    const t0 = Date.now();
    process.stderr.write(`bench: ${name}…\n`);
    await run(options, report);
    timings[name] = (Date.now() - t0) / 1000;
  }
  const meta = {
    date: new Date().toISOString(),
    quick: options.quick,
    scale: options.scale,
    httpSeconds: options.httpSeconds,
    seconds: (Date.now() - started) / 1000,
    suiteSeconds: timings,
    loadAverage: { before: loadBefore, after: loadavg() },
  };
  process.stdout.write(`${renderTable(report, versions)}\n\n`);
  process.stdout.write(
    `ran ${meta.seconds.toFixed(0)} s (${options.quick ? 'BENCH_QUICK' : 'full'}); load average before ${loadBefore.map((x) => x.toFixed(1)).join(' ')}, after ${meta.loadAverage.after.map((x) => x.toFixed(1)).join(' ')}\n`,
  );
  await writeResults(options.out, report, versions, meta);
  process.stdout.write(`figures written to ${options.out}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
