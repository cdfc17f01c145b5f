import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Summary } from './measure.js';
import type { Versions } from './versions.js';

/** One line of the results table. `skipped` rows are peers that are not installed: never counted as a win. */
export interface Row {
  section: string;
  subject: string;
  unit: string;
  median?: number;
  p95?: number;
  /** p99 for HTTP runs (autocannon latency). */
  p99?: number;
  n?: number;
  /** Against the row's baseline, measured in the same run: "5.1× faster", "92 % of node:http". */
  vsBaseline?: string;
  note?: string;
  skipped?: string;
}

/** A target from the issue; `pass` undefined means it could not be measured (a peer was skipped). */
export interface Target {
  name: string;
  goal: string;
  measured: string;
  pass: boolean | undefined;
}

export class Report {
  readonly rows: Row[] = [];
  readonly targets: Target[] = [];
  readonly facts: Record<string, unknown> = {};

  row(row: Row): void {
    this.rows.push(row);
  }

  timing(
    section: string,
    subject: string,
    summary: Summary,
    extra: Omit<Row, 'section' | 'subject' | 'unit'> = {},
  ): void {
    this.rows.push({ section, subject, unit: 'ms', median: summary.median, p95: summary.p95, n: summary.n, ...extra });
  }

  skip(section: string, subject: string, why: string): void {
    this.rows.push({ section, subject, unit: '', skipped: why });
  }

  target(name: string, goal: string, measured: string, pass: boolean | undefined): void {
    this.targets.push({ name, goal, measured, pass });
  }

  /** Ratio target "a is at least k× faster than b" (times in ms); undefined when a side was skipped. */
  speedup(name: string, ours: number | undefined, theirs: number | undefined, atLeast: number): void {
    if (ours === undefined || theirs === undefined) {
      this.target(name, `≥ ${atLeast}×`, 'skipped', undefined);
      return;
    }
    const ratio = theirs / ours;
    this.target(name, `≥ ${atLeast}×`, `${ratio.toFixed(2)}×`, ratio >= atLeast);
  }
}

export function formatNumber(value: number | undefined, unit = ''): string {
  if (value === undefined || Number.isNaN(value)) return '';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)}${unit}`;
}

export function renderTable(report: Report, versions: Versions): string {
  const header = ['section', 'subject', 'unit', 'median', 'p95', 'p99', 'n', 'vs baseline', 'note'];
  const lines = report.rows.map((r) =>
    r.skipped
      ? [r.section, r.subject, '', '', '', '', '', 'skipped', r.skipped]
      : [
          r.section,
          r.subject,
          r.unit,
          formatNumber(r.median),
          formatNumber(r.p95),
          formatNumber(r.p99),
          r.n === undefined ? '' : String(r.n),
          r.vsBaseline ?? '',
          r.note ?? '',
        ],
  );
  const targets = report.targets.map((t) => [
    t.pass === undefined ? 'SKIP' : t.pass ? 'PASS' : 'FAIL',
    t.name,
    t.goal,
    t.measured,
  ]);
  const versionLine = Object.entries(versions)
    .map(([name, version]) => `${name} ${version ?? 'not installed'}`)
    .join(' · ');
  return [
    `versions: ${versionLine}`,
    '',
    markdownTable(header, lines),
    '',
    markdownTable(['result', 'target', 'goal', 'measured'], targets),
  ].join('\n');
}

/** A GitHub-flavoured Markdown table, columns padded so it also reads as plain text in a terminal. */
export function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (c ?? '').padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export async function writeResults(path: string, report: Report, versions: Versions, meta: Record<string, unknown>) {
  await mkdir(dirname(path), { recursive: true });
  const body = { ...meta, versions, facts: report.facts, rows: report.rows, targets: report.targets };
  await writeFile(path, `${JSON.stringify(body, null, 2)}\n`);
}
