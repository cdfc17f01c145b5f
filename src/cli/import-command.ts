import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { SingleBar } from 'cli-progress';
import { pino } from 'pino';
import { type Article, type ImportResult, idAuthorityFor } from '../articles/index.js';
import type { Config } from '../config.js';
import { feedContentRules } from '../feeds/index.js';
import { loadSite } from '../setup/site.js';
import { openStoreFromConfig } from '../setup/store.js';
import { setUpWebSub } from '../setup/websub.js';
import { parseImport } from './import-file.js';

export interface ImportOptions {
  strict: boolean;
  format?: 'json' | 'ndjson';
  /** Records per transaction. */
  batchSize?: number;
}

const DEFAULT_BATCH_SIZE = 500;

/**
 * An import waits this long for the write lock for each batch: it is a command someone runs by hand or from cron,
 * so waiting for a busy server is better than failing (the server's own writers wait SYNDICARD_BUSY_TIMEOUT_MS).
 */
const IMPORT_BUSY_TIMEOUT_MS = 60_000;

export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * `syndicard import <file|->`: validate every record, report the bad ones by line, then store the good ones in
 * batches of `batchSize`, each its own transaction, pausing between batches so that the server's writers (API PUTs)
 * get the write lock in between instead of failing. With --strict, one bad record imports nothing: every record
 * is validated before the first batch is written. A batch that fails (the lock not had within a minute, a full
 * disk) stops the import; the batches before it stay stored, and running the same import again finishes it
 * (a record already stored unchanged is left as it is). Returns the process exit code.
 */
export async function runImport(
  file: string,
  options: ImportOptions,
  config: Readonly<Config>,
  io: CliIo,
): Promise<number> {
  const text = file === '-' ? await readStream(io.stdin) : await readFile(file, 'utf8');
  const format = options.format ?? (file.endsWith('.ndjson') || file.endsWith('.jsonl') ? 'ndjson' : guessFormat(text));
  const bar = io.stderr.isTTY ? new SingleBar({ stream: io.stderr, clearOnComplete: true, etaBuffer: 200 }) : undefined;
  const { records, rejected } = parseImport(text, format, (done, total) => {
    if (done === 0) bar?.start(total, 0);
    else if (done % 100 === 0) bar?.update(done);
  });
  bar?.stop();
  for (const bad of rejected) {
    io.stderr.write(`line ${bad.line}: ${bad.issues.length ? formatIssues(bad.issues) : bad.message}\n`);
  }
  if (rejected.length > 0 && options.strict) {
    io.stderr.write(`--strict: ${rejected.length} invalid record(s); nothing was imported\n`);
    return 1;
  }
  const site = await loadSite(config.sitePath, config.baseUrl);
  const store = await openStoreFromConfig(config, {
    idAuthority: idAuthorityFor(config.sitePath ? site.url : undefined),
    busyTimeoutMs: IMPORT_BUSY_TIMEOUT_MS,
    // Stored with the HTML the feeds publish, sanitised under the server's rules (the same settings).
    contentRules: feedContentRules({ embedHosts: config.embedHosts, language: site.language }),
  });
  // The CLI made the write, so the CLI tells the hubs: one ping per feed for the whole file, sent before exiting.
  const websub = setUpWebSub(store, config, pino({ level: config.logLevel }, pino.destination(2)));
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const batches = chunk(
    records.map((r) => r.article),
    batchSize,
  );
  const total: ImportResult = { created: 0, replaced: 0, unchanged: 0 };
  let done = 0;
  try {
    for (const [index, batch] of batches.entries()) {
      const started = performance.now();
      try {
        const result = await websub.store.importMany(batch);
        total.created += result.created;
        total.replaced += result.replaced;
        total.unchanged += result.unchanged;
        done += batch.length;
      } catch (err) {
        io.stderr.write(
          `batch ${index + 1} of ${batches.length} failed: ${(err as Error).message}\n` +
            `${done} of ${records.length} record(s) were stored before it; run the same import again to finish ` +
            '(records already stored are left unchanged)\n',
        );
        return 1;
      }
      // Hold the lock at most about half the time, so the server's writers get it between batches.
      if (index < batches.length - 1) await sleep(Math.min(100, Math.max(10, performance.now() - started)));
    }
  } finally {
    await websub.publisher.close(30_000);
    await store.close();
  }
  io.stdout.write(
    `imported ${records.length} record(s): ${total.created} new, ${total.replaced} replaced, ${total.unchanged} unchanged; ${rejected.length} rejected` +
      ` (${batches.length} batch(es) of up to ${batchSize}, each its own transaction)\n`,
  );
  return rejected.length > 0 ? 2 : 0;
}

function chunk(articles: Article[], size: number): Article[][] {
  const out: Article[][] = [];
  for (let i = 0; i < articles.length; i += size) out.push(articles.slice(i, i + size));
  return out;
}

function guessFormat(text: string): 'json' | 'ndjson' {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) return 'json';
  const lines = trimmed.split(/\r?\n/).filter((line) => line.trim());
  return lines.length > 1 && lines.every((line) => line.trim().startsWith('{')) ? 'ndjson' : 'json';
}

function formatIssues(issues: ReadonlyArray<{ path: string; message: string }>): string {
  return issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}
