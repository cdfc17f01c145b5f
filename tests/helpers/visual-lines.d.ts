/**
 * Lines of a laid-out headline as a reader sees them: per line, the words in visual (left-to-right) order. Both the
 * card renderer (satori, read back from its SVG) and Chromium (read back with Range.getClientRects) are reduced to
 * this form, so the two can be compared word by word.
 *
 * A "word" here is one of satori's text pieces (a word-segmenter segment: `89:76` is the three words `89`, `:`,
 * `76`), named by its UTF-16 range in the headline as written, so the browser measures exactly the same characters.
 */
/** A piece of the headline as written: `text` is `headline.slice(start, end)`. */
export interface Word {
    start: number;
    end: number;
    text: string;
    /** The picture the card drew for this word (an emoji grapheme drawn as an image), as a data: URI. */
    image?: string;
}
/** Where one word (or, when a line break splits it, one part of it) was drawn. */
export interface PlacedWord {
    /** Index into the word list. */
    word: number;
    /** Part of the word drawn here, when the word was split over lines; the whole word otherwise. */
    text: string;
    /** Vertical centre (browser) or baseline (satori) of the drawn text, in px from the block's top. */
    y: number;
    /** Left edge, in px from the block's left. */
    left: number;
    /** Right edge, in px from the block's left. */
    right: number;
}
/** Per line, top to bottom, the words' texts left to right. */
export type VisualLines = string[][];
/**
 * Groups placed words into lines and orders each line left to right. Lines are told apart by their vertical
 * position: a new line starts where `y` moves by more than half a line (fallback fonts with other ascents move a
 * piece's box by a few px, never by half a line).
 */
export declare function toVisualLines(placed: readonly PlacedWord[], lineHeight: number): VisualLines;
/** The placed words by line, top to bottom, each line left to right. */
export declare function groupLines(placed: readonly PlacedWord[], lineHeight: number): PlacedWord[][];
/** Which edge of the box a line sits against; `both` for a line that fills it (within 4 % of the width). */
export type Side = 'left' | 'right' | 'both';
/** Per line, top to bottom, the edge it is flush with. */
export declare function lineSides(placed: readonly PlacedWord[], lineHeight: number, width: number): Side[];
/** A laid-out headline as compared: its lines' words, left to right, and the edge each line sits against. */
export interface LaidOut {
    lines: VisualLines;
    sides: Side[];
}
export declare function laidOut(placed: readonly PlacedWord[], lineHeight: number, width: number): LaidOut;
export interface LineDifference {
    line: number;
    /** What the card renderer drew on this line, left to right (empty when it has fewer lines). */
    card: string[];
    /** What Chromium drew on this line, left to right. */
    browser: string[];
    /** Set when the line sits against opposite edges: [card's, browser's]. */
    sides?: [Side, Side];
}
/** The lines that differ, in words, in their order or in the edge they sit against; empty when the two agree. */
export declare function compareLines(card: LaidOut, browser: LaidOut): LineDifference[];
/**
 * One line per differing line, readable in a test failure:
 * `line 2: card [a | b] · browser [b | a]`, with `(card flush left, browser flush right)` when the edges differ.
 */
export declare function describeDifferences(differences: readonly LineDifference[]): string;
