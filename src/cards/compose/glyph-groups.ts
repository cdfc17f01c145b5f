import { type PathCommand, PHASES, type PlacedGlyph } from './glyph-layout.js';

/**
 * Glyphs whose ink may share a pixel, painted as one mask (glyph-masks.ts, overlap `union`).
 *
 * resvg fills a text run's path (all its glyphs' outlines, fill-rule nonzero: SVG 1.1 §11.3, the `fill-rule`
 * initial value) in one pass. A pixel whose ink comes from one glyph alone gets that glyph's coverage, the same as
 * its own fill; a pixel two glyphs reach gets the coverage of their union, which neither adding nor taking the larger
 * of their coverages gives (a headstroke running through a word's glyphs, a conjunct, a mark over its base). So the
 * glyphs of a run are partitioned into groups, connected through pixels that their ink may share, and each group is
 * filled as one outline: its glyphs' outlines at their places relative to the first (the same tenths of a pixel as
 * in the card), at the first glyph's sub-pixel phase. Groups share no pixel, so adding their coverages gives the
 * run's fill. Outside a group's pixels its contours' winding number is 0, so they change nothing in other groups'
 * pixels either.
 *
 * A group of one glyph is the ordinary glyph mask. Tamil letters mostly stand apart (groups of one or two, which
 * recur from headline to headline); a Devanagari or Bengali word is joined by its headstroke into one group.
 */
export function groupGlyphs(glyphs: readonly PlacedGlyph[]): PlacedGlyph[][] {
  const boxes = glyphs.map(pixelBox);
  const parent = glyphs.map((_, i) => i);
  const root = (i: number): number => {
    let at = i;
    while (parent[at] !== at) {
      parent[at] = parent[parent[at]!]!;
      at = parent[at]!;
    }
    return at;
  };
  for (let i = 0; i < glyphs.length; i++) {
    const a = boxes[i];
    if (!a) continue;
    for (let j = i + 1; j < glyphs.length; j++) {
      const b = boxes[j];
      if (!b || a.x1 <= b.x0 || b.x1 <= a.x0 || a.y1 <= b.y0 || b.y1 <= a.y0) continue;
      const [ra, rb] = [root(i), root(j)];
      // The lower index stays the root, so a group's glyphs keep the run's order and its first glyph anchors it.
      if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }
  const groups = new Map<number, PlacedGlyph[]>();
  glyphs.forEach((placed, i) => {
    const r = root(i);
    const group = groups.get(r);
    if (group) group.push(placed);
    else groups.set(r, [placed]);
  });
  return [...groups.values()];
}

/** Whole pixels [x0, x1) × [y0, y1), relative to the block, that a placed glyph's ink can reach; undefined if none. */
export interface PixelBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export function pixelBox(placed: PlacedGlyph): PixelBox | undefined {
  const box = outlineBox(placed.glyph.path.commands, placed.scale, placed.skew);
  if (!box) return undefined;
  // Every outline point is rounded to 0.1 px (glyph-positions.ts outlinePath): at most 0.05 px farther out.
  const ox = placed.x10 / PHASES;
  const oy = placed.y10 / PHASES;
  return {
    x0: Math.floor(ox + box.x0 - 0.05),
    y0: Math.floor(oy + box.y0 - 0.05),
    x1: Math.ceil(ox + box.x1 + 0.05),
    y1: Math.ceil(oy + box.y1 + 0.05),
  };
}

/** The outline's bounding box in pixels from its origin (y down), control points included; undefined if empty. */
export function outlineBox(commands: PathCommand[], scale: number, skew: number) {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  const add = (x: number, y: number) => {
    const px = (x + skew * y) * scale;
    const py = -y * scale;
    if (px < x0) x0 = px;
    if (px > x1) x1 = px;
    if (py < y0) y0 = py;
    if (py > y1) y1 = py;
  };
  for (const c of commands) {
    if (c.type === 'Z') continue;
    add(c.x, c.y);
    if (c.type === 'Q' || c.type === 'C') add(c.x1, c.y1);
    if (c.type === 'C') add(c.x2, c.y2);
  }
  return x0 === Number.POSITIVE_INFINITY ? undefined : { x0, y0, x1, y1 };
}
