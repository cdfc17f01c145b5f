import type { Article, Site } from '../../src/articles/index.js';
import { type Summary } from '../lib/measure.js';
import { type PeerTemplate } from './card-design.js';
/**
 * Headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core: one warm browser and one reused page
 * at 1200×630, each card a `setContent` of the same design as HTML, then a screenshot. Three ways to take it:
 * Playwright's PNG, Playwright's JPEG (q80), and the DevTools call itself with `optimizeForSpeed` (JPEG q80), which
 * skips Playwright's caret hiding and font waits and uses Chromium's fastest encoder: the best Chromium can do.
 */
export type ChromiumMode = 'png' | 'jpeg' | 'cdp-jpeg-fast';
export declare const CHROMIUM_MODES: readonly ChromiumMode[];
export interface ChromiumResult {
    cards: Partial<Record<PeerTemplate, Partial<Record<ChromiumMode, {
        timing: Summary;
        bytes: number;
    }>>>>;
}
export declare function chromiumAvailable(): Promise<boolean>;
export interface ChromiumRunOptions {
    article: Article;
    site: Site;
    assetOrigin: string;
    templates: PeerTemplate[];
    warmup: number;
    iterations: number;
    maxMs: number;
    samplesDir?: string;
}
export declare function runChromiumPeer(options: ChromiumRunOptions): Promise<ChromiumResult>;
