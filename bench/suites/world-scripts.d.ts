import { type BenchOptions } from '../lib/options.js';
import type { Report } from '../lib/report.js';
/**
 * Issue 7's budgets, on one render worker: a row per script (the first headline of each language in
 * tests/fixtures/world-headlines.json, plus an English headline with emoji), each against the Latin (English) card
 * measured in the same run (target: every script within 2×); the first card in each new script, timed on a worker
 * that has drawn Latin cards but never that script (target: under 500 ms); the worker's resident size with every
 * script loaded (target: under 350 MB). Every card has a headline no earlier card had (a counter at its end), so
 * neither the card cache nor satori's shaping cache answers.
 */
export declare function runWorldScripts(options: BenchOptions, report: Report): Promise<void>;
