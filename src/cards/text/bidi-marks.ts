import { resolveSatoriLevels, satoriPieces } from './satori-bidi.js';
import { type Direction, hasRtlCharacters } from './script.js';
import { resolveUbaLevels } from './uba.js';

const LRM = '\u200e';
const RLM = '\u200f';

/**
 * The bidi pre-pass: marks that make satori lay a line out in the order the Unicode Bidirectional Algorithm (UAX #9)
 * gives, as a browser does.
 *
 * satori resolves levels per word piece without rules W4/W5 (separators and terminators between digits), N0
 * (bracket pairs) or isolates (TYPOGRAPHY-NOTES.md): in a Hebrew line `12%` came out `%12`, `89:76` as `76:89`,
 * `12/05/2025` as `2025/05/12`. Here the UBA levels of the raw text are resolved with bidi-js, satori's piece levels
 * are predicted with a model of its algorithm (satori-bidi.ts), and each punctuation-only piece that satori would put
 * at another level gets a mark of the level's direction appended: LRM makes a piece strong L (level 2 in an RTL
 * paragraph, 0 in an LTR one), RLM strong R (level 1). A mark is a format character: it joins the word segment and the
 * line-break class of the character before it (UAX #29 WB4, UAX #14 LB9), so it neither adds pieces nor break
 * opportunities. The marked text is for satori only: to a real UBA a mark inside `89:76` breaks rule W4, so a browser
 * would show it differently.
 *
 * Pieces with letters or digits already get their UBA level from satori; the one case no mark can fix is a level-2
 * neutral in an LTR paragraph (an Arabic time inside an English headline), left as satori draws it.
 *
 * The result is logical-order text (never visual order: satori reorders it again). Keep the raw headline for pages,
 * tags and alt text.
 */
export function insertBidiMarks(text: string, direction: Direction): string {
  // satori reorders nothing in an LTR paragraph without right-to-left characters.
  if (direction === 'ltr' && !hasRtlCharacters(text)) return text;
  const base = direction === 'rtl' ? 1 : 0;
  const uba = resolveUbaLevels(text, direction);
  const pieces = satoriPieces(text);
  const targets = pieces.map((piece) => uniformLevel(uba, text, piece.start, piece.end));
  const classes = pieces.map((piece) => piece.cls);
  const marks: Array<string | undefined> = [];
  const initialLevels = resolveSatoriLevels(classes, base);
  const misplacedBefore = targets.filter((target, i) => target !== undefined && target !== initialLevels[i]).length;
  if (misplacedBefore === 0) return text;

  // One mark at a time, leftmost first: a mark changes how the neutrals next to it resolve, which may already put
  // them right. Every pass marks one more piece, so this ends after at most one pass per piece.
  for (let pass = 0; pass < pieces.length; pass++) {
    const levels = resolveSatoriLevels(classes, base);
    const index = pieces.findIndex(
      (_, i) =>
        classes[i] === 'N' &&
        targets[i] !== undefined &&
        levels[i] !== targets[i] &&
        markFor(targets[i]!, base) !== undefined,
    );
    if (index < 0) break;
    const mark = markFor(targets[index]!, base)!;
    marks[index] = mark;
    classes[index] = mark === LRM ? 'L' : 'R';
  }
  if (marks.length === 0) return text;

  let marked = '';
  const rawIndex: number[] = [];
  for (const [i, piece] of pieces.entries()) {
    marked += text.slice(piece.start, piece.end);
    for (let unit = piece.start; unit < piece.end; unit++) rawIndex.push(unit);
    const mark = marks[i];
    if (mark) {
      marked += mark;
      rawIndex.push(-1);
    }
  }
  // The model assumed the marks stay inside their pieces; check it on the marked text as satori will cut it, and keep
  // the raw text if the marks would not make things better.
  return misplacedPieces(marked, uba, base, rawIndex) < misplacedBefore ? marked : text;
}

/** The mark that makes a satori piece resolve to `level` in a paragraph of `base` level, if one does. */
function markFor(level: number, base: 0 | 1): string | undefined {
  if (level === 1) return RLM;
  if (level === base * 2) return LRM;
  return undefined;
}

/**
 * How many pieces satori would lay out at another level than the UBA gives the raw text. `rawLevels` are the raw
 * text's UBA levels; `rawIndex` maps each unit of `text` to its raw unit (-1 for an inserted mark), identity if absent.
 */
function misplacedPieces(text: string, rawLevels: Uint8Array, base: 0 | 1, rawIndex?: readonly number[]): number {
  const pieces = satoriPieces(text);
  const levels = resolveSatoriLevels(
    pieces.map((piece) => piece.cls),
    base,
  );
  let misplaced = 0;
  for (const [i, piece] of pieces.entries()) {
    const target = uniformLevel(rawLevels, text, piece.start, piece.end, rawIndex);
    if (target !== undefined && levels[i] !== target) misplaced++;
  }
  return misplaced;
}

/** The UBA level shared by the units of a piece (marks and format characters aside), or undefined if they differ. */
function uniformLevel(
  levels: Uint8Array,
  text: string,
  start: number,
  end: number,
  rawIndex?: readonly number[],
): number | undefined {
  let level: number | undefined;
  for (let i = start; i < end; i++) {
    const at = rawIndex ? rawIndex[i]! : i;
    if (at < 0 || FORMAT.test(text[i]!)) continue;
    const own = levels[at]!;
    if (level === undefined) level = own;
    else if (level !== own) return undefined;
  }
  return level;
}

const FORMAT = /\p{Cf}/u;
