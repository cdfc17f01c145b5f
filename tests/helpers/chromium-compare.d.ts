import type { Page } from 'playwright-core';
import type { LoadedFonts } from '../../src/cards/fonts.js';
import type { CardSpec } from '../../src/cards/spec.js';
import { type CardHeadlineLayout } from './card-headline-layout.js';
import { type BrowserLayout, type BrowserReference } from './chromium-layout.js';
import { type LaidOut, type LineDifference } from './visual-lines.js';
/**
 * How a good page sets a headline in this language, independently of what the card does: the paragraph direction
 * of the language (as `<html lang dir>` would give it), text aligned to its start, Korean kept whole between spaces
 * (`keep-all`, as Korean news sites set it) and Japanese broken at phrase boundaries (Chrome's `auto-phrase`), as
 * issue 7 asks of the card.
 */
export declare function browserReference(language: string): BrowserReference;
export interface HeadlineCase {
    id: string;
    language: string;
    spec: CardSpec;
}
export interface Compared {
    id: string;
    language: string;
    card: CardHeadlineLayout;
    browser: BrowserLayout;
    cardLayout: LaidOut;
    browserLayout: LaidOut;
    differences: LineDifference[];
    /** Characters no font of the card's has (HarfBuzz's reading of each font's cmap); emoji drawn as pictures excepted. */
    missing: string[];
    /** Families Chromium took from the system rather than from the card's font files. */
    systemFonts: string[];
}
/**
 * Lays every headline out in the card renderer and in Chromium (one page for all), and compares them line by line.
 * Chromium is given every font file any headline used (each once, the same bytes) as web fonts, and each box the
 * families its own headline had in satori, in satori's order.
 */
export declare function compareWithChromium(page: Page, loaded: LoadedFonts, cases: readonly HeadlineCase[]): Promise<Compared[]>;
/** Every headline's lines as the card and Chromium drew them, for a person to read (WORLD_REPORT=path). */
export declare function comparisonReport(results: readonly Compared[]): string;
