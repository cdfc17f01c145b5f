import { readFile } from 'node:fs/promises';
import { SingleBar } from 'cli-progress';
import { pino } from 'pino';
import type { Config } from '../config.js';
import { openStoreFromConfig } from '../setup/store.js';
import { setUpWebSub } from '../setup/websub.js';
import { parseImport } from './import-file.js';

export interface ImportOptions {
  strict: boolean;
  format?: 'json' | 'ndjson';
}

export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * `syndicard import <file|->`: validate every record, report the bad ones by line, store the good ones in one
 * transaction. With --strict, one bad record imports nothing. Returns the process exit code.
 */
export async function runImport(
  file: string,
  options: ImportOptions,
  config: Readonly<Config>,
  io: CliIo,
): Promise<number> {
  const text = file === '-' ? await readStream(io.stdin) : await readFile(file, 'utf8');
  const format = options.format ?? (file.endsWith('.ndjson') || file.endsWith('.jsonl') ? 'ndjson' : guessFormat(text));
  // The bar follows validation, the long part; the store then commits everything in one transaction.
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
  const store = await openStoreFromConfig(config);
  // The CLI made the write, so the CLI tells the hubs: one ping per feed for the whole file, sent before exiting.
  const websub = setUpWebSub(store, config, pino({ level: config.logLevel }, pino.destination(2)));
  try {
    const result = await websub.store.importMany(records.map((r) => r.article));
    io.stdout.write(
      `imported ${records.length} record(s): ${result.created} new, ${result.replaced} replaced, ${result.unchanged} unchanged; ${rejected.length} rejected\n`,
    );
  } finally {
    await websub.publisher.close(30_000);
    await store.close();
  }
  return rejected.length > 0 ? 2 : 0;
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
