import { type Font } from 'satori';
import type { Direction } from '../../../src/cards/text/index.js';
/**
 * Reads back the order satori 0.63.2 lays a one-line text out in: with `embedFont: false` it writes one `<text x=…>`
 * per piece (word segment, space or punctuation), in logical order, at its laid-out position. No font for the
 * script is needed for this: missing glyphs still get an advance and a position.
 */
export declare function satoriPieceOrder(text: string, direction: Direction, fonts: Font[]): Promise<{
    pieces: string[];
    leftToRight: string[];
}>;
/**
 * The left-to-right order of the same pieces as the Unicode Bidirectional Algorithm (bidi-js) puts them for the raw
 * text, as a browser shows it: each piece sits where its first character lands in the UBA's visual order. `pieces`
 * are satori's pieces in logical order, possibly with LRM/RLM marks that `raw` lacks.
 */
export declare function ubaPieceOrder(raw: string, pieces: readonly string[], direction: Direction): string[];
export declare function stripMarks(text: string): string;
