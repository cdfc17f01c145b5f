/**
 * A model of satori 0.63.2's word-level bidi (its src/text/bidi.ts, and the splitting of lines into pieces in
 * src/text/index.ts), so the pre-pass can predict at which level satori will lay out each piece of a string and check
 * its own marks. satori is pinned to this exact version in package.json; a new version needs this file re-read
 * against its sources. Kept free of any satori import: it runs in the HTTP process too.
 *
 * What satori does: the text is cut into words at line-break opportunities, each word into `Intl.Segmenter` word
 * segments (joined across NBSP), segments holding right-to-left text are cut where the direction of their graphemes
 * changes, and emoji graphemes are cut out as images. Each piece gets one class from its first letter (or LRM/RLM/ALM,
 * or its digits), then rules W7, N1/N2 and I1/I2 run over the pieces (no W1–W6, no N0, no isolates).
 */

export type SatoriClass = 'L' | 'R' | 'EN' | 'AN' | 'N';

export interface SatoriPiece {
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
  cls: SatoriClass;
}

// Copied from satori 0.63.2 src/text/bidi.ts.
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;
const RTL_TEXT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u200f\u061c\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;
const LETTER = /\p{L}/u;
const ARABIC_NUMBER = /[\u0660-\u0669\u066b\u066c\u08e2]/;
const NUMBER = /\p{Nd}/u;
// satori draws these graphemes as images (emoji) and cuts them out of their words (src/utils.ts `splitImages`).
const IMAGE = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;

const words = new Intl.Segmenter(undefined, { granularity: 'word' });
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

const CLASSES: readonly SatoriClass[] = ['N', 'L', 'R', 'EN', 'AN'];
const Code = { N: 0, L: 1, R: 2, EN: 3, AN: 4 } as const;
type Code = (typeof Code)[keyof typeof Code];

/** satori's class of one code point, as a small number (see CLASSES). */
function codeOf(char: string): Code {
  if (char === '\u200e') return Code.L;
  if (char === '\u200f' || char === '\u061c') return Code.R;
  if (LETTER.test(char)) return RTL.test(char) ? Code.R : Code.L;
  if (ARABIC_NUMBER.test(char)) return Code.AN;
  if (NUMBER.test(char)) return Code.EN;
  return Code.N;
}

/** The pieces satori lays out for `text` (assuming no line break falls inside a word segment). */
export function satoriPieces(text: string): SatoriPiece[] {
  // The class of every code point, once (stored at its first unit; the low surrogate of a pair stays N).
  const codes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; ) {
    const char = String.fromCodePoint(text.codePointAt(i)!);
    codes[i] = codeOf(char);
    i += char.length;
  }
  const needsSplit = RTL_TEXT.test(text);
  const segments: Array<[number, number]> = [];
  for (const { segment, index } of words.segment(text)) {
    const end = index + segment.length;
    const last = segments[segments.length - 1];
    // satori joins the words on both sides of a no-break space into one segment.
    if (last && (segment === '\u00a0' || text[last[1] - 1] === '\u00a0')) last[1] = end;
    else segments.push([index, end]);
  }
  const pieces: SatoriPiece[] = [];
  for (const [start, end] of segments) {
    for (const [s, e] of splitImages(text, start, end)) {
      const parts = needsSplit ? splitByDirection(text, codes, s, e) : [[s, e] as const];
      for (const [ps, pe] of parts) pieces.push({ start: ps, end: pe, cls: pieceClass(codes, ps, pe) });
    }
  }
  return pieces;
}

/** satori's `getBidiClass` over precomputed classes: the first letter's (or mark's), else the first number's. */
function pieceClass(codes: Uint8Array, start: number, end: number): SatoriClass {
  let number: number = Code.N;
  for (let i = start; i < end; i++) {
    const code = codes[i]!;
    if (code === Code.L || code === Code.R) return CLASSES[code]!;
    if (number === Code.N && code !== Code.N) number = code;
  }
  return CLASSES[number]!;
}

function splitImages(text: string, start: number, end: number): Array<readonly [number, number]> {
  const slice = text.slice(start, end);
  if (!IMAGE.test(slice)) return [[start, end]];
  const parts: Array<[number, number]> = [];
  let afterImage = true;
  for (const { segment, index } of graphemes.segment(slice)) {
    const image = IMAGE.test(segment);
    const s = start + index;
    const last = parts[parts.length - 1];
    if (image || afterImage || !last) parts.push([s, s + segment.length]);
    else last[1] = s + segment.length;
    afterImage = image;
  }
  return parts;
}

/**
 * satori's `splitByDirection`: cut a segment with right-to-left text where the class of its graphemes changes;
 * neutrals stay with the part before. Walked by code point rather than grapheme: a grapheme's class is its base
 * character's (combining marks are neutral and never cut), so the cuts are the same, without a grapheme segmenter.
 */
function splitByDirection(
  text: string,
  codes: Uint8Array,
  start: number,
  end: number,
): Array<readonly [number, number]> {
  if (!RTL_TEXT.test(text.slice(start, end))) return [[start, end]];
  const parts: Array<[number, number]> = [];
  let partStart = start;
  let partClass: number = Code.N;
  for (let i = start; i < end; i++) {
    const code = codes[i]!;
    if (code === Code.N) continue;
    if (partClass !== Code.N && code !== partClass) {
      parts.push([partStart, i]);
      partStart = i;
    }
    partClass = code;
  }
  parts.push([partStart, end]);
  return parts;
}

/** satori's `resolveLevels` (W7, N1/N2, I1/I2 over pieces). */
export function resolveSatoriLevels(classes: readonly SatoriClass[], baseLevel: 0 | 1): number[] {
  const base: SatoriClass = baseLevel === 1 ? 'R' : 'L';
  const types = classes.slice();
  let lastStrong: SatoriClass = base;
  for (let i = 0; i < types.length; i++) {
    if (types[i] === 'L' || types[i] === 'R') lastStrong = types[i]!;
    else if (types[i] === 'EN' && lastStrong === 'L') types[i] = 'L';
  }
  const direction = (type: SatoriClass | undefined) => (type === 'L' ? 'L' : 'R');
  for (let i = 0; i < types.length; ) {
    if (types[i] !== 'N') {
      i++;
      continue;
    }
    let end = i;
    while (end < types.length && types[end] === 'N') end++;
    const before = i > 0 ? direction(types[i - 1]) : base;
    const after = end < types.length ? direction(types[end]) : base;
    types.fill(before === after ? before : base, i, end);
    i = end;
  }
  return types.map((type) => (baseLevel === 1 ? (type === 'R' ? 1 : 2) : type === 'L' ? 0 : type === 'R' ? 1 : 2));
}
