import {
  type GlyphDrawing,
  type PathCommand,
  type PlacedGlyph,
  type SatoriGlyph,
  tenths,
  withGlyphSink,
} from './glyph-layout.js';

/**
 * The glyph origins of a satori pass whose glyphs stay outlines for resvg (scripts glyph-layout.ts leaves to resvg,
 * glyphOverlap undefined), so that the fitting's length bound (block-layout.ts `tooLongFor`) can skip a step for
 * them too. The patched satori's `__satoriGlyphSink` (patches/satori+0.63.2.patch) is asked for each glyph's path
 * data; this hook writes exactly what satori writes without it (`outlinePath`, satori 0.63.2's own formatting,
 * tests/cards/headline-fit.test.ts compares the SVGs byte for byte) and notes where the glyph stands.
 *
 * `positions` is undefined unless every glyph noted is drawn in the SVG, in order: a glyph laid out but dropped
 * (clipped or clamped away) would make the text look longer than what is drawn.
 *
 * Like drawGlyphs, the hook is process-wide: the caller draws one card at a time (compose-card.ts).
 */
export async function layOutWithPositions(
  draw: () => Promise<string>,
): Promise<{ svg: string; positions?: GlyphDrawing }> {
  const glyphs: PlacedGlyph[] = [];
  const paths: string[] = [];
  const sink = (glyph: SatoriGlyph, x: number, y: number, scale: number, skew: number) => {
    const path = outlinePath(glyph.path.commands, x, y, scale, skew);
    glyphs.push({ glyph, x10: tenths(x), y10: tenths(y), scale, skew });
    paths.push(path);
    return path;
  };
  const svg = await withGlyphSink(sink, draw);
  let at = 0;
  for (const path of paths) {
    const found = path === '' ? at : svg.indexOf(path, at);
    if (found < 0) return { svg };
    at = found + path.length;
  }
  // The layers' shape that textLength and linesAtLeast (line-bound.ts) read; nothing is painted from it.
  return { svg, positions: { overlap: 'add', layers: [{ kind: 'text', rgb: [0, 0, 0], glyphs }] } };
}

/**
 * A glyph's path data as satori 0.63.2 (patched) writes it: the origin rounded to 0.1 px, plus each outline point
 * scaled (and skewed for synthetic italics) and rounded to 0.1 px, y down.
 */
export function outlinePath(commands: PathCommand[], x: number, y: number, scale: number, skew = 0): string {
  const ox = tenths(x);
  const oy = tenths(y);
  const px = (cx: number, cy: number) => (ox + tenths((cx + skew * cy) * scale)) / 10;
  const py = (cy: number) => (oy - tenths(cy * scale)) / 10;
  let d = '';
  for (const c of commands) {
    switch (c.type) {
      case 'M':
      case 'L':
        d += `${c.type}${px(c.x, c.y)} ${py(c.y)}`;
        break;
      case 'Q':
        d += `Q${px(c.x1, c.y1)} ${py(c.y1)} ${px(c.x, c.y)} ${py(c.y)}`;
        break;
      case 'C':
        d += `C${px(c.x1, c.y1)} ${py(c.y1)} ${px(c.x2, c.y2)} ${py(c.y2)} ${px(c.x, c.y)} ${py(c.y)}`;
        break;
      case 'Z':
        d += 'Z';
        break;
    }
  }
  return d;
}
