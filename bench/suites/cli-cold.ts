import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { summarize } from '../lib/measure.js';
import { type BenchOptions, scaled } from '../lib/options.js';
import type { Report } from '../lib/report.js';

const SECTION = '10 CLI cold start';
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin/syndicard.js');
/** /usr/bin/time reports the CPU of a command and of any children it waited for. */
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

interface Subject {
  name: string;
  args: string[];
  /** The file the command writes, removed before each run so every run does the whole job. */
  output?: string;
}

/**
 * 11 (issue 11): `syndicard card` for a text card from a cold start, as a user types it: a new node process running
 * bin/syndicard.js (the bundled dist/cli), which parses the record, draws the card in its own process (the render
 * workers' composer: src/cards/render/in-process.ts) and writes the PNG.
 * Each subject is spawned in turn, round after round, so all see the same machine; reported by median wall time.
 * Baselines in the same run: `node -e 0` (Node's own start, the floor of any command) and the same card through
 * tsx from the TypeScript sources, which is how `syndicard` started before issue 11.
 */
export async function runCliCold(options: BenchOptions, report: Report): Promise<void> {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'syndicard-bench-cli-'));
  try {
    const record = join(dir, 'article.json');
    writeFileSync(record, JSON.stringify(textCardRecord()));
    const png = join(dir, 'card.png');
    const tsxPng = join(dir, 'card-tsx.png');
    const subjects: Subject[] = [
      { name: 'node -e 0 (baseline)', args: ['-e', '0'] },
      { name: 'syndicard --version', args: [BIN, '--version'] },
      { name: 'syndicard card (text, PNG)', args: [BIN, 'card', record, '-o', png], output: png },
      {
        name: 'the same card, sources through tsx (how it started before)',
        args: ['--import', import.meta.resolve('tsx'), join(ROOT, 'src/cli/main.ts'), 'card', record, '-o', tsxPng],
        output: tsxPng,
      },
    ];
    const env = { PATH: process.env.PATH ?? '', HOME: dir, SYNDICARD_DATA_DIR: join(dir, 'data') };
    const rounds = scaled(options, 15, 3);
    const wall = new Map<string, number[]>(subjects.map((s) => [s.name, []]));
    const cpu = new Map<string, number[]>(subjects.map((s) => [s.name, []]));
    for (const subject of subjects) await run(subject, env, dir); // warm the page cache: "cold" is the process
    for (let round = 0; round < rounds; round++) {
      for (const subject of subjects) {
        const result = await run(subject, env, dir);
        wall.get(subject.name)!.push(result.ms);
        if (result.cpuMs !== undefined) cpu.get(subject.name)!.push(result.cpuMs);
      }
    }
    const medianOf = (name: string) => summarize(wall.get(name)!).median;
    const floor = medianOf(subjects[0]!.name);
    const card = medianOf(subjects[2]!.name);
    const tsx = medianOf(subjects[3]!.name);
    for (const subject of subjects) {
      const summary = summarize(wall.get(subject.name)!);
      const cpuSamples = cpu.get(subject.name)!;
      report.row({
        section: SECTION,
        subject: subject.name,
        unit: 'ms',
        median: summary.median,
        p95: summary.p95,
        n: summary.n,
        ...(subject === subjects[0] ? {} : { vsBaseline: `${(summary.median / floor).toFixed(1)}× node -e 0` }),
        note: [
          cpuSamples.length > 0 ? `CPU ${Math.round(summarize(cpuSamples).median)} ms` : undefined,
          subject === subjects[2] ? `${(tsx / card).toFixed(1)}× faster than through tsx` : undefined,
        ]
          .filter(Boolean)
          .join('; '),
      });
    }
    report.target(
      `${SECTION}: syndicard card, a text card from a cold start`,
      '< 500 ms',
      `${Math.round(card)} ms`,
      card < 500,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The seed article without its photo: a text card, which needs no fetch (the "text card"). */
function textCardRecord(): Record<string, unknown> {
  const seed = JSON.parse(readFileSync(join(ROOT, 'examples/seed-article.json'), 'utf8')) as Record<string, unknown>;
  const { image: _image, ...record } = seed;
  return { ...record, id: 'bench-cli-cold' };
}

async function run(
  subject: Subject,
  env: Record<string, string>,
  cwd: string,
): Promise<{ ms: number; cpuMs?: number }> {
  if (subject.output) rmSync(subject.output, { force: true });
  const [command, args] = TIME
    ? [TIME, ['-f', '@@cpu %U %S', process.execPath, ...subject.args]]
    : [process.execPath, subject.args];
  const started = performance.now();
  const { status, stderr } = await new Promise<{ status: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ status: code, stderr: err }));
  });
  const ms = performance.now() - started;
  if (status !== 0 || (subject.output && !existsSync(subject.output))) {
    throw new Error(`${subject.name} failed (exit ${status}): ${stderr.slice(0, 500)}`);
  }
  const times = /@@cpu ([\d.]+) ([\d.]+)/.exec(stderr);
  return times ? { ms, cpuMs: (Number(times[1]) + Number(times[2])) * 1000 } : { ms };
}

/** bin/syndicard.js runs dist/: built first when a source is newer than the last build, as `npm start` does. */
function ensureBuilt(): void {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build-if-stale.mjs')], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed: ${build.stdout}${build.stderr}`);
}
