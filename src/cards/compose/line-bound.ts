import { type GlyphDrawing, PHASES } from './glyph-layout.js';

/**
 * At least how many lines a headline laid out at `from` px (drawGlyphs) takes at the larger size `to`, wrapped into
 * `width`: the fitting's proof that a step is too small for it without laying it out at that step
 * (compose/block-layout.ts). Undefined when the proof does not apply; then the step is laid out.
 *
 * Why it holds. Every advance in a line (glyphs, kerning, the em-based letter spacing) scales with the font size, so
 * the distance between two glyph origins of one line at `from`, times `to / from`, is that distance at `to`. Model
 * the text as its glyphs with these distances (across a line end at `from`, zero: less than it is), a line's width
 * as the distance from its first glyph origin to its last (a space that ends a line adds nothing, as a space that
 * hangs at a line end takes no room), and a line allowed to break anywhere except between two letters or digits of Latin, Greek or Cyrillic script,
 * between which UAX #14 forbids a break (LB23, LB28; satori breaks by it) and `overflow-wrap: break-word` breaks only
 * a word longer than a line (none here: each such word, with two em for its last glyph, is narrower than `width`).
 * satori's lines at `to` are then a way of cutting the model into lines, each no wider than `width` from its first
 * glyph origin to its last (a quarter em of slack: origins are rounded to 0.1 px, so a line's few pieces are off by
 * well under a pixel), so they are at least as many as the fewest lines the model can be cut into, which greedy
 * filling gives (every distance is ≥ 0, so a piece of a line that fits fits). tests/cards/headline-fit.test.ts
 * checks it against laying every step out, with headlines at every length across the photo card's steps.
 *
 * It needs the glyphs to be the text's characters one for one, in order, left to right on each line, each line
 * one baseline: a ligature, a reordered run, a mark off the baseline, a clamped ellipsis or a word broken across
 * lines at `from` gives undefined.
 */
export function linesAtLeast(
  drawing: GlyphDrawing,
  text: string,
  from: number,
  to: number,
  width: number,
  lineHeight: number,
): number | undefined {
  const glyphs = drawing.layers.flatMap((layer) => (layer.kind === 'text' ? layer.glyphs : []));
  const chars = [...text];
  if (glyphs.length === 0 || glyphs.length !== chars.length || to <= from) return undefined;
  const scale = to / from;
  const capacity = width + to / 4;
  // reach[k]: the model's distance (px at `from`) from the first glyph's origin to glyph k's.
  const reach = new Float64Array(glyphs.length);
  // The model's unbreakable runs, as [first, last] glyph indices.
  const runs: [number, number][] = [];
  let runStart = 0;
  for (let k = 0; k < glyphs.length; k++) {
    if (glyphs[k]!.glyph.unicode !== chars[k]!.codePointAt(0)) return undefined;
    if (k === 0) continue;
    const previous = glyphs[k - 1]!;
    const glyph = glyphs[k]!;
    const drop = glyph.y10 - previous.y10;
    const newLine = drop >= (lineHeight * PHASES) / 2;
    if (drop < 0 || (drop > 0 && !newLine)) return undefined;
    if (!newLine && glyph.x10 < previous.x10) return undefined;
    const joined = WORD.test(chars[k - 1]!) && WORD.test(chars[k]!);
    if (joined && newLine) return undefined;
    const step = newLine ? 0 : (glyph.x10 - previous.x10) / PHASES;
    reach[k] = reach[k - 1]! + step;
    if (!joined) {
      runs.push([runStart, k - 1]);
      runStart = k;
    }
  }
  runs.push([runStart, glyphs.length - 1]);
  for (const [first, last] of runs) {
    if ((reach[last]! - reach[first]!) * scale + 2 * to > width) return undefined;
  }
  let lines = 1;
  let lineStart = 0;
  for (const [first, last] of runs) {
    if ((reach[last]! - reach[lineStart]!) * scale > capacity) {
      lines++;
      lineStart = first;
    }
  }
  return lines;
}

/** Letters and digits between which no line may break (UAX #14 classes AL and NU, these scripts only). */
const WORD = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}]$/u;
