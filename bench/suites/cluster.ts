import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningNginx, startNginx } from '../../tests/helpers/nginx.js';
import { createTestDatabase, type TestDatabase } from '../../tests/helpers/postgres.js';
import { startAssetServer } from '../lib/asset-server.js';
import { expectStatuses, type LoadResult, loadTest } from '../lib/http-load.js';
import { summarize } from '../lib/measure.js';
import type { BenchOptions } from '../lib/options.js';
import type { Report } from '../lib/report.js';
import { type ServerHandle, startServer } from '../servers/server-handle.js';

const FEED_HEADERS = { 'accept-encoding': 'gzip' };
const CONNECTIONS = 20;

/**
 * Issue 9 (several instances):
 *  - 9a: a cached feed and a versioned card through deploy/nginx.conf (Debian's nginx, one worker, answering from
 *    its cache: X-Cache-Status HIT) against the same requests sent to syndicard directly.
 *  - 9b: two syndicard instances against one, the same total connections spread over both (two autocannon runs at
 *    once, their rates summed). The instances share one PostgreSQL database of their own on the machine's server
 *    (127.0.0.1:5432, made and dropped here); when PostgreSQL cannot be reached, one SQLite file, and the rows say so.
 * Everything runs on this machine, so two instances compete for the same cores as the load generator.
 */
export async function runCluster(options: BenchOptions, report: Report): Promise<void> {
  const assets = await startAssetServer();
  const shared = await mkdtemp(join(tmpdir(), 'syndicard-bench-cluster-'));
  const servers: ServerHandle[] = [];
  let nginx: RunningNginx | undefined;
  const database: TestDatabase | undefined = await createTestDatabase().catch((err: unknown) => {
    process.stderr.write(`bench cluster: no PostgreSQL (${String(err)}); the instances share one SQLite file\n`);
    return undefined;
  });
  const shareKind = database ? 'one PostgreSQL' : 'one SQLite file';
  try {
    const start = () =>
      startServer({
        type: 'start-app',
        assetOrigin: assets.origin,
        photoUrl: assets.photoUrl,
        feedItems: 60,
        workers: 1,
        sharedDataDir: shared,
        ...(database ? { databaseUrl: database.url } : {}),
      });
    const a = await start();
    servers.push(a);
    const b = await start();
    servers.push(b);
    nginx = await startNginx([Number(new URL(a.origin).port)]);
    const cases = [
      { subject: 'rss, gzip 200', path: a.feedPath!, headers: FEED_HEADERS },
      { subject: 'versioned card (jpeg) 200', path: a.cardPath!, headers: {} },
    ];

    for (const c of cases) {
      // Warm both instances and nginx's cache: one complete request each first (a card may take seconds to render
      // on a loaded machine, and a load run that gives up early leaves nginx nothing to store), then a short run.
      for (const origin of [a.origin, b.origin, nginx.origin]) {
        await (await fetch(`${origin}${c.path}`, { headers: c.headers })).arrayBuffer();
        await loadTest({ url: `${origin}${c.path}`, seconds: 1, headers: c.headers });
      }
      const probe = await fetch(`${nginx.origin}${c.path}`, { headers: c.headers });
      await probe.arrayBuffer();
      if (probe.headers.get('x-cache-status') !== 'HIT') {
        throw new Error(`nginx answered ${c.path} with X-Cache-Status ${probe.headers.get('x-cache-status')}, not HIT`);
      }

      const direct = await run(`${a.origin}${c.path}`, options, c.headers, 'syndicard direct');
      const cached = await run(`${nginx.origin}${c.path}`, options, c.headers, 'nginx HIT');
      const ratio = cached.requestsPerSecond / direct.requestsPerSecond;
      report.row(loadRow('9a nginx in front', `syndicard direct, ${c.subject}`, direct));
      report.row({
        ...loadRow('9a nginx in front', `nginx cache HIT, ${c.subject}`, cached),
        vsBaseline: `${ratio.toFixed(2)}× syndicard direct`,
      });
      report.target(`9a: ${c.subject} through nginx (HIT) vs direct`, '≥ 1×', `${ratio.toFixed(2)}×`, ratio >= 1);

      const one = await run(`${a.origin}${c.path}`, options, c.headers, 'one instance');
      const [first, second] = await Promise.all(
        [a, b].map((server) => run(`${server.origin}${c.path}`, options, c.headers, 'two instances', CONNECTIONS / 2)),
      );
      const two = first!.requestsPerSecond + second!.requestsPerSecond;
      report.row(loadRow('9b instances', `one instance (${shareKind}), ${c.subject}`, one));
      report.row({
        section: '9b instances',
        subject: `two instances (${shareKind}), ${c.subject}`,
        unit: 'req/s',
        median: two,
        p99: Math.max(first!.latencyP99, second!.latencyP99),
        n: first!.requests + second!.requests,
        vsBaseline: `${(two / one.requestsPerSecond).toFixed(2)}× one instance`,
        note: `${CONNECTIONS / 2} connections to each; load generator on the same cores`,
      });
    }
    if (database) await writeToVisible(a, b, report);
    else report.skip('9c freshness', 'write → visible on the other instance', 'no PostgreSQL (no NOTIFY)');
  } finally {
    await nginx?.stop();
    for (const server of servers) await server.stop();
    await assets.close();
    await rm(shared, { recursive: true, force: true });
    await database?.drop();
  }
}

const WRITES = 20;
/** The bench servers' token (servers/server-child.ts). */
const AUTH = { authorization: 'Bearer bench-token-0123456789', 'content-type': 'application/json' };

/**
 * 9c: a write through one instance, then the other instance's site feed polled every 5 ms until it shows the write;
 * the time from the PUT's response to that GET's response, alternating the direction. Issue 9 bounds it at a second.
 */
async function writeToVisible(a: ServerHandle, b: ServerHandle, report: Report): Promise<void> {
  const listed = await fetch(`${a.origin}/api/articles?limit=1`, { headers: AUTH });
  const seed = ((await listed.json()) as { items: Array<{ article: Record<string, unknown> }> }).items[0]!.article;
  const samples: number[] = [];
  for (let i = 0; i < WRITES; i++) {
    const [writer, reader] = i % 2 === 0 ? [a, b] : [b, a];
    const id = `bench-fresh-${i}`;
    const headline = `Freshness probe ${i} ${Date.now()}`;
    const res = await fetch(`${writer.origin}/api/articles/${id}`, {
      method: 'PUT',
      headers: AUTH,
      body: JSON.stringify({ ...seed, id, headline, publishedAt: new Date().toISOString(), updatedAt: undefined }),
    });
    await res.arrayBuffer();
    if (res.status !== 201) throw new Error(`bench cluster: PUT ${id} answered ${res.status}`);
    const acknowledged = performance.now();
    for (;;) {
      const body = await (await fetch(`${reader.origin}${reader.feedPath!}`)).text();
      if (body.includes(headline)) break;
      if (performance.now() - acknowledged > 10_000) throw new Error(`bench cluster: ${id} not visible after 10 s`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    samples.push(performance.now() - acknowledged);
  }
  const summary = summarize(samples);
  report.timing('9c freshness', 'write → visible in the other instance’s feed (one PostgreSQL, NOTIFY)', summary, {
    note: 'from the PUT response to the first GET showing it; polled every 5 ms; directions alternate',
  });
  report.target(
    '9c: write through one instance visible in the other’s feed (p95)',
    '< 1000 ms',
    `${Math.round(summary.p95)} ms`,
    summary.p95 < 1000,
  );
}

async function run(
  url: string,
  options: BenchOptions,
  headers: Record<string, string>,
  label: string,
  connections = CONNECTIONS,
): Promise<LoadResult> {
  const result = await loadTest({ url, seconds: options.httpSeconds, headers, connections });
  expectStatuses(`${label} ${url}`, result, '2xx');
  return result;
}

function loadRow(section: string, subject: string, r: LoadResult) {
  return {
    section,
    subject,
    unit: 'req/s',
    median: r.requestsPerSecond,
    p99: r.latencyP99,
    n: r.requests,
    note: `latency p50 ${r.latencyP50} ms; ${CONNECTIONS} connections`,
  };
}
