import { type Font } from 'satori';
import type { LoadedFonts } from '../../src/cards/fonts.js';
import type { CardSpec, CardTemplate } from '../../src/cards/spec.js';
import { type CardElement } from '../../src/cards/templates/index.js';
import type { PlacedWord, Word } from './visual-lines.js';
/**
 * One headline laid out the way the card lays it out (the template's headline block at the size the card's fitting
 * picks), with what the card renderer drew read back from satori's SVG: with `embedFont: false` satori writes one
 * `<text x y width>` per word-segmenter piece (and an `<image>` per emoji), in logical order, at its final position.
 */
export interface CardHeadlineLayout {
    /** The headline as the template received it (spaces collapsed), before any preparation for satori. */
    headline: string;
    template: CardTemplate;
    /** The headline block at the fitted size, unclamped: what the browser is given too. */
    element: CardElement;
    fontSize: number;
    /** Line height in px. */
    lineHeight: number;
    width: number;
    svg: string;
    /** satori's pieces, as ranges of `headline` (invisible marks the renderer inserted are not part of any). */
    words: Word[];
    placed: PlacedWord[];
    /**
     * The fonts satori had for this headline, in the order it had them: the base fonts, then those its
     * `loadAdditionalAsset` handed over for the headline's scripts (a fresh worker's choice, by the card's language).
     */
    fonts: Font[];
}
export interface HeadlineLayouter {
    layout(spec: CardSpec): Promise<CardHeadlineLayout>;
}
/**
 * Lays headlines out as the card renderer does: the composer (src/cards/compose-card.ts) picks the size, then the
 * template's headline probe at that size goes through satori with the renderer's fonts and its lazy asset loader
 * (src/cards/font-assets.ts). Each headline starts from a fresh font engine and loader, as in a fresh render worker,
 * so the fonts it needed are exactly those the loader handed over for it. (The golden images go through the real
 * worker pool, where one worker draws every script in turn.)
 */
export declare function createHeadlineLayouter(loaded: LoadedFonts): HeadlineLayouter;
interface Piece {
    kind: 'text' | 'image';
    x: number;
    y: number;
    width: number;
    /** A text piece's characters; an image's href. */
    text: string;
}
/** satori's `<text>` and `<image>` elements in document order. */
export declare function svgPieces(svg: string): Piece[];
/**
 * Matches satori's pieces back to ranges of the headline, walking both in logical order. An `<image>` stands for
 * one emoji grapheme. Whitespace-only pieces are matched but are not words. Throws, naming the piece, when satori drew
 * something that is not the headline (a clamped ellipsis, a changed character): the comparison would be meaningless.
 */
export declare function readPieces(svg: string, headline: string): {
    words: Word[];
    placed: PlacedWord[];
};
export {};
