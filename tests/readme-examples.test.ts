import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, ROOT, type StartedService, startService } from './helpers/service.js';

/**
 * Every shell example in the README, run as written against a started service, so the README cannot drift.
 *
 * The README's ```sh blocks are of three kinds:
 * - the quick start (`npm install && npm start`, `npm test`): checked to be exactly those two commands, not run here
 *   (this suite is `npm test`; tests/main.test.ts starts the service as `npm start` does);
 * - the block that starts the service for the examples (`export …` lines and `npm start`): the test starts the service
 *   with those settings, on a free port (PORT, which the examples read as a user would export it);
 * - every other block: run in order in one bash, in a temporary folder laid out like the repository (its files linked
 *   in), so variables carry from block to block as in one terminal and no output lands in the repository.
 * A ```text block right after a ```sh block is that block's output: each of its lines must appear in what it printed.
 * Blocks that cannot run on a test machine are listed in NOT_RUN with the reason; a listed block that is gone from the
 * README, or a new block that is in neither kind, fails the test.
 */
const NOT_RUN: Record<string, string> = {
  'SYNDICARD_DATABASE_URL=postgres://syndicard@db.internal:5432/syndicard \\':
    'deployment example: needs PostgreSQL and Redis on other machines (tests/articles and tests/cards cover the shared stores)',
  'apt-get install -y postgresql redis-server': 'system set-up as root with apt',
  'apt-get install -y nginx-light': 'system set-up as root (tests/deploy/nginx-cache.test.ts runs deploy/nginx.conf)',
  "# Debian's PostgreSQL asks for a password on TCP connections: give the role one.":
    'production set-up: changes a role on the machine PostgreSQL and binds ports 3000 and 3001',
};

const REPO_ENTRIES = ['package.json', 'tsconfig.json', 'node_modules', 'src', 'bin', 'fonts', 'media', 'examples'];

interface Block {
  line: number;
  code: string;
  output?: string;
}

function readmeBlocks(): Block[] {
  const lines = readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(\w*)$/.exec(lines[i]!);
    if (!fence) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]!);
    const code = body.join('\n');
    if (fence[1] === 'sh') blocks.push({ line: start + 1, code });
    else if (fence[1] === 'text' && blocks.length > 0) {
      const previous = blocks.at(-1)!;
      const between = lines.slice(previous.line + previous.code.split('\n').length + 1, start);
      if (between.every((line) => line.trim() === '')) previous.output = code;
    }
  }
  return blocks;
}

const blocks = readmeBlocks();
const firstLine = (block: Block) => block.code.split('\n')[0]!;
const isQuickStart = (block: Block) => /^npm install && npm start\b/.test(block.code);
const isServiceStart = (block: Block) => block.code.split('\n').some((line) => line.trim() === 'npm start');
const runnable = blocks.filter((b) => !isQuickStart(b) && !isServiceStart(b) && !(firstLine(b) in NOT_RUN));

let work: string;
let service: StartedService;
let port: number;
let serviceEnv: Record<string, string>;
let result: { status: number | null; output: string };
let gitStatusBefore: string | undefined;

function gitStatus(): string | undefined {
  if (!existsSync(join(ROOT, '.git'))) return undefined;
  const run = spawnSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: ROOT, encoding: 'utf8' });
  return run.status === 0 ? run.stdout : undefined;
}

/** The output of block `index`, cut from the combined output by the markers the script prints. */
function outputOf(index: number): string {
  const start = result.output.indexOf(`@@block ${index}@@\n`);
  const end = result.output.indexOf(`@@block ${index + 1}@@\n`);
  return result.output.slice(start, end < 0 ? undefined : end);
}

beforeAll(async () => {
  gitStatusBefore = gitStatus();
  work = mkdtempSync(join(tmpdir(), 'syndicard-readme-'));
  for (const entry of REPO_ENTRIES) symlinkSync(join(ROOT, entry), join(work, entry));
  mkdirSync(join(work, 'home'));
  mkdirSync(join(work, 'tmp'));

  const starts = blocks.filter(isServiceStart);
  expect(starts, 'one README block starts the service for the examples').toHaveLength(1);
  serviceEnv = {};
  for (const line of starts[0]!.code.split('\n')) {
    const assignment = /^export (\w+)=(\S+)$/.exec(line.trim());
    if (assignment) serviceEnv[assignment[1]!] = assignment[2]!;
  }
  port = await freePort();
  // The service runs in the example folder, as `npm start` in the repository: its data directory is ./data there.
  service = startService({ ...serviceEnv, PORT: String(port) }, work);
  await service.printed('try:');

  const script = ['set -euo pipefail', 'exec 2>&1'];
  runnable.forEach((block, index) => {
    script.push(`echo '@@block ${index}@@'`, block.code);
  });
  script.push(`echo '@@block ${runnable.length}@@'`);
  const child = spawn('bash', ['-c', script.join('\n')], {
    cwd: work,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: join(work, 'home'),
      TMPDIR: join(work, 'tmp'),
      PORT: String(port),
      ...serviceEnv,
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
    },
  });
  let output = '';
  child.stdout.on('data', (d) => {
    output += d;
  });
  child.stderr.on('data', (d) => {
    output += d;
  });
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  result = { status, output };
}, 600_000);

afterAll(async () => {
  await service?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the README examples', { timeout: 60_000 }, () => {
  it('keep the quick start to the two set-up commands', () => {
    const quick = blocks.filter(isQuickStart);
    expect(quick).toHaveLength(1);
    const commands = quick[0]!.code.split('\n').map((line) => line.replace(/#.*$/, '').trim());
    expect(commands).toEqual(['npm install && npm start', 'npm test']);
  });

  it('list only blocks that are still in the README as not run', () => {
    for (const first of Object.keys(NOT_RUN)) expect(blocks.map(firstLine)).toContain(first);
    expect(runnable.length).toBeGreaterThanOrEqual(5);
  });

  it('all run as written against a started service', () => {
    if (result.status !== 0) {
      const failed = runnable.findIndex((_, i) => !result.output.includes(`@@block ${i + 1}@@`));
      const block = runnable[failed];
      throw new Error(
        `README block at line ${block?.line} failed (exit ${result.status}):\n${block?.code}\n--- output ---\n${outputOf(failed)}`,
      );
    }
    expect(result.status).toBe(0);
  });

  it('print what the README says they print', () => {
    runnable.forEach((block, index) => {
      if (block.output === undefined) return;
      const printed = outputOf(index);
      for (const line of block.output.split('\n')) expect(printed, `README line ${block.line}`).toContain(line);
    });
  });

  it('do what they say: the seed article stored, the NDJSON imported, the cards drawn, the signed URL served', async () => {
    // The first block: the PUT's status, then the feed's item count (three demo articles and the seed).
    expect(outputOf(0)).toMatch(
      /^@@block 0@@\n201\n4\n\{"items":\[\{"article":\{"id":"baby-p-mum-befriends-woman-who-smothered-daughter"/,
    );
    expect(result.output).toContain('imported 2 record(s): 2 new, 0 replaced, 0 unchanged; 0 rejected');
    expect(result.output).toContain(
      `syndicard: URL for the server at http://127.0.0.1:${port} (from PORT; SYNDICARD_BASE_URL or --base-url to change it)`,
    );
    const outDirs = readdirSync(join(work, 'tmp')).map((name) => join(work, 'tmp', name));
    const files = outDirs.flatMap((dir) => readdirSync(dir).map((name) => join(dir, name)));
    const byName = (name: string) => files.find((file) => file.endsWith(`/${name}`));
    for (const [name, format] of [
      ['seed.jpg', 'jpeg'],
      ['harbour.png', 'png'],
      ['ad-hoc.jpg', 'jpeg'],
    ] as const) {
      const file = byName(name);
      expect(file, name).toBeDefined();
      expect(await sharp(readFileSync(file!)).metadata()).toMatchObject({ width: 1200, height: 630, format });
    }
    const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { articles: number };
    expect(health.articles).toBe(3 + 1 + 2 + 1); // demo, the seed, the NDJSON file, the good line of the bad file
  });

  it('write nothing into the repository', () => {
    expect(gitStatus()).toBe(gitStatusBefore);
    expect(readdirSync(work).sort()).toEqual([...REPO_ENTRIES, 'data', 'home', 'tmp'].sort());
  });
});
