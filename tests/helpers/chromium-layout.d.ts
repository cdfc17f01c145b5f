import type { Page } from 'playwright-core';
import type { PlacedWord, Word } from './visual-lines.js';
/** A font file as the card renderer has it: the same bytes are given to Chromium through `@font-face`. */
export interface BrowserFont {
    family: string;
    weight: number;
    style: 'normal' | 'italic';
    data: Buffer;
}
/** One headline to lay out: the card's headline box, and the words to find. */
export interface BrowserBox {
    id: string;
    /** BCP 47 tag, set as the box's `lang` (line breaking rules and glyph choice read it). */
    lang: string;
    /** The headline as written (no marks inserted for satori: the browser runs the real bidi algorithm). */
    text: string;
    /**
     * The satori style of the card's headline block: only its geometry is taken (width, font size and weight, line
     * height, letter spacing). Direction, alignment and line breaking are the browser's own, from `reference`.
     */
    style: Record<string, string | number>;
    /** How a good page would set this headline: the ground truth the card is held to. */
    reference: BrowserReference;
    /** The font-family list, first choice first. */
    families: string[];
    words: Word[];
}
export interface BrowserReference {
    direction: 'ltr' | 'rtl';
    /** CSS `word-break`; long words still wrap anywhere (`overflow-wrap: anywhere`), as the card's `break-word`. */
    wordBreak: 'normal' | 'keep-all' | 'auto-phrase';
}
export interface PlatformFont {
    familyName: string;
    isCustomFont: boolean;
    glyphCount: number;
}
export interface BrowserLayout {
    id: string;
    placed: PlacedWord[];
    lineHeight: number;
    /** The fonts Chromium drew the box with (DevTools' CSS.getPlatformFontsForNode); system fonts have isCustomFont false. */
    fonts: PlatformFont[];
}
/** The card's headline box as CSS, with the reference's direction and line breaking, aligned to the start. */
export declare function cssFor(box: Pick<BrowserBox, 'style' | 'reference' | 'families'>): string;
/**
 * Lays out every box in one page, with the given fonts only as web fonts, and reads back where each word landed:
 * a Range per word, its client rects, grouped into lines by their vertical centre. A word split over two lines
 * (a long URL broken by `break-word`, or a browser breaking where the card did not) is read per grapheme and reported
 * as one part per line.
 */
export declare function layoutInBrowser(page: Page, fonts: readonly BrowserFont[], boxes: readonly BrowserBox[]): Promise<BrowserLayout[]>;
