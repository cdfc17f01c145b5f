import bidiModule, { type BidiCharTypeName } from 'bidi-js';
import type { Direction } from './script.js';

// bidi-js is CommonJS (`module.exports = factory`) with ES-style type declarations, so under NodeNext the default
// import is the factory itself while its type says it is the module namespace.
const bidiFactory = bidiModule as unknown as typeof bidiModule.default;

/** The Unicode Bidirectional Algorithm (UAX #9), as bidi-js implements it (it passes the UCD's BidiCharacterTest). */
const bidi = bidiFactory();

/**
 * One BMP character of each bidi class. bidi-js resolves levels per UTF-16 unit and types each half of a surrogate
 * pair as a lone surrogate, which it calls L (strong left-to-right): an emoji (class ON) in a Hebrew line would pull
 * its neighbours to the left-to-right level. Astral characters are therefore replaced, before the levels are
 * resolved, by two units of a BMP character of the same class, so the string keeps its length and indices.
 */
const STAND_IN: Record<BidiCharTypeName, string> = {
  L: 'a',
  R: '\u05d0',
  AL: '\u0627',
  EN: '0',
  ES: '+',
  ET: '%',
  AN: '\u0660',
  CS: ',',
  NSM: '\u0300',
  BN: '\u00ad',
  B: '\u2029',
  S: '\t',
  WS: ' ',
  ON: '!',
  LRE: '\u202a',
  RLE: '\u202b',
  PDF: '\u202c',
  LRO: '\u202d',
  RLO: '\u202e',
  LRI: '\u2066',
  RLI: '\u2067',
  FSI: '\u2068',
  PDI: '\u2069',
};

/** The text with every astral character replaced by two BMP units of its bidi class (see STAND_IN). */
function withBmpStandIns(text: string): string {
  // Fast path: most headlines have no astral characters.
  if (!/[\ud800-\udbff]/.test(text)) return text;
  let out = '';
  for (const char of text) {
    if (char.length === 1) {
      out += char;
    } else {
      const standIn = STAND_IN[bidi.getBidiCharTypeName(char)];
      out += standIn + standIn;
    }
  }
  return out;
}

/** The resolved embedding level of every UTF-16 unit of `text`, in a paragraph of the given direction. */
export function resolveUbaLevels(text: string, direction: Direction): Uint8Array {
  return bidi.getEmbeddingLevels(withBmpStandIns(text), direction).levels;
}

/**
 * UTF-16 indices of `text` in visual order for one line, as a browser shows it (rule L2), astral-safe: a surrogate
 * pair moves as one. Mirroring (L4) is not applied: the glyph choice is the shaper's job.
 */
export function visualOrder(text: string, direction: Direction): number[] {
  const safe = withBmpStandIns(text);
  const levels = bidi.getEmbeddingLevels(safe, direction);
  const order = bidi.getReorderedIndices(safe, levels);
  // A reversed surrogate pair comes out low-high: keep each pair in logical order, at its position.
  const out: number[] = [];
  for (let i = 0; i < order.length; i++) {
    const index = order[i]!;
    const next = order[i + 1];
    if (next !== undefined && next === index - 1 && isHighSurrogate(text.charCodeAt(next))) {
      out.push(next, index);
      i++;
    } else {
      out.push(index);
    }
  }
  return out;
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

/** UAX #9 P2–P3: the direction of the first strong character outside isolates, or `fallback` without one. */
export function firstStrongDirection(text: string, fallback: Direction = 'ltr'): Direction {
  let isolates = 0;
  for (const char of text) {
    const type = bidi.getBidiCharTypeName(char);
    if (type === 'LRI' || type === 'RLI' || type === 'FSI') isolates++;
    else if (type === 'PDI') isolates = Math.max(0, isolates - 1);
    else if (isolates === 0 && type === 'L') return 'ltr';
    else if (isolates === 0 && (type === 'R' || type === 'AL')) return 'rtl';
  }
  return fallback;
}

/** Whether the text holds a strong character (UAX #9 L, or R/AL) of the given direction. */
export function hasStrongOf(text: string, direction: Direction): boolean {
  for (const char of text) {
    const type = bidi.getBidiCharTypeName(char);
    if (direction === 'ltr' ? type === 'L' : type === 'R' || type === 'AL') return true;
  }
  return false;
}
