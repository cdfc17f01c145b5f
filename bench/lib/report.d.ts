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
export declare class Report {
    readonly rows: Row[];
    readonly targets: Target[];
    readonly facts: Record<string, unknown>;
    row(row: Row): void;
    timing(section: string, subject: string, summary: Summary, extra?: Omit<Row, 'section' | 'subject' | 'unit'>): void;
    skip(section: string, subject: string, why: string): void;
    target(name: string, goal: string, measured: string, pass: boolean | undefined): void;
    /** Ratio target "a is at least k× faster than b" (times in ms); undefined when a side was skipped. */
    speedup(name: string, ours: number | undefined, theirs: number | undefined, atLeast: number): void;
}
export declare function formatNumber(value: number | undefined, unit?: string): string;
export declare function renderTable(report: Report, versions: Versions): string;
/** A GitHub-flavoured Markdown table, columns padded so it also reads as plain text in a terminal. */
export declare function markdownTable(header: string[], rows: string[][]): string;
export declare function writeResults(path: string, report: Report, versions: Versions, meta: Record<string, unknown>): Promise<void>;
