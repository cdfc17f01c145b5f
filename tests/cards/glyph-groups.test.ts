import { Resvg } from '@resvg/resvg-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBlockLayout } from '../../src/cards/compose/block-layout.js';
import { groupGlyphs, type PixelBox, pixelBox } from '../../src/cards/compose/glyph-groups.js';
import type { GlyphDrawing, PlacedGlyph, SatoriGlyph } from '../../src/cards/compose/glyph-layout.js';
import { createGlyphPainter } from '../../src/cards/compose/glyph-masks.js';
import { outlinePath } from '../../src/cards/compose/glyph-positions.js';
import { blendLayer } from '../../src/cards/compose/pixels.js';
import { createFontAssets } from '../../src/cards/fonts/font-assets.js';
import { CARD_HEIGHT, CARD_WIDTH, loadFonts } from '../../src/cards/index.js';
import { templateInput } from '../../src/cards/templates/index.js';
import { FONTS_DIR } from './card-fixtures.js';
import { WORLD_HEADLINES, worldSpec } from './world-corpus.js';

/** A square glyph 1000 units wide (10 px at scale 0.01), its origin at its bottom-left corner. */
const SQUARE: SatoriGlyph = {
  path: {
    commands: [
      { type: 'M', x: 0, y: 0 },
      { type: 'L', x: 1000, y: 0 },
      { type: 'L', x: 1000, y: 1000 },
      { type: 'L', x: 0, y: 1000 },
      { type: 'Z' },
    ],
  },
};
const SPACE: SatoriGlyph = { path: { commands: [] } };
const at = (glyph: SatoriGlyph, x10: number, y10 = 200): PlacedGlyph => ({ glyph, x10, y10, scale: 0.01, skew: 0 });

const intersect = (a: PixelBox, b: PixelBox) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

describe('groupGlyphs: glyphs whose ink may share a pixel', () => {
  it('joins glyphs through shared pixels, keeps apart glyphs a whole pixel apart, and keeps the run order', () => {
    // a covers x 0–10 px, b 12–22 px: a free pixel column between them. c (10.5–20.5 px) shares pixels with both.
    const a = at(SQUARE, 0);
    const b = at(SQUARE, 120);
    const c = at(SQUARE, 105);
    const space = at(SPACE, 60);
    expect(pixelBox(a)).toEqual({ x0: -1, y0: 9, x1: 11, y1: 21 });
    expect(groupGlyphs([a, b])).toEqual([[a], [b]]);
    expect(groupGlyphs([a, space, b, c])).toEqual([[a, b, c], [space]]);
    expect(groupGlyphs([b, a, c])).toEqual([[b, a, c]]);
    // Another line: the same x, a line below.
    const below = at(SQUARE, 105, 400);
    expect(groupGlyphs([a, below, b])).toEqual([[a], [below], [b]]);
  });

  let loaded: Awaited<ReturnType<typeof loadFonts>>;
  const drawings = new Map<string, GlyphDrawing>();
  beforeAll(async () => {
    loaded = await loadFonts(FONTS_DIR);
    const blocks = createBlockLayout(loaded.fonts, createFontAssets(loaded.catalog));
    for (const id of ['hi-cricket', 'bn-metro', 'ta-chennai-rain']) {
      const spec = worldSpec(WORLD_HEADLINES.find((entry) => entry.id === id)!, { template: 'plain' });
      const { glyphs } = await blocks.fitBlock('plain', templateInput(spec, loaded.fonts[0]!.name, undefined));
      drawings.set(id, glyphs.drawing!);
    }
  }, 60_000);

  const runOf = (id: string) =>
    drawings.get(id)!.layers.flatMap((layer) => (layer.kind === 'text' ? layer.glyphs : []));

  it('partitions real headlines into groups that share no pixel: Tamil letters mostly alone, Indic words whole', () => {
    for (const id of drawings.keys()) {
      expect(drawings.get(id)!.overlap, id).toBe('union');
      const run = runOf(id);
      const groups = groupGlyphs(run);
      expect(
        groups.flat().sort((p, q) => run.indexOf(p) - run.indexOf(q)),
        id,
      ).toEqual(run);
      const boxes = groups.map((group) => group.map(pixelBox).filter((box) => box !== undefined));
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          for (const p of boxes[i]!) for (const q of boxes[j]!) expect(intersect(p, q), id).toBe(false);
        }
      }
    }
    const sizes = (id: string) => groupGlyphs(runOf(id)).map((group) => group.length);
    // Tamil: most glyphs stand alone, no group is longer than a few glyphs.
    expect(sizes('ta-chennai-rain').filter((n) => n === 1).length).toBeGreaterThan(runOf('ta-chennai-rain').length / 2);
    expect(Math.max(...sizes('ta-chennai-rain'))).toBeLessThanOrEqual(6);
    // Hindi: the headstroke joins a word's glyphs: far fewer groups than glyphs, and one of a whole long word.
    expect(sizes('hi-cricket').length).toBeLessThan(runOf('hi-cricket').length / 2);
    expect(Math.max(...sizes('hi-cricket'))).toBeGreaterThanOrEqual(6);
  });

  /** The drawing's runs filled by resvg, one path per run as satori writes it, over a grey card. */
  function resvgFill(drawing: GlyphDrawing, left: number, top: number): Buffer {
    const paths = drawing.layers.map((layer) => {
      if (layer.kind !== 'text') throw new Error(`expected text runs only, got ${layer.kind}`);
      const d = layer.glyphs
        .map((p) => outlinePath(p.glyph.path.commands, p.x10 / 10 + left, p.y10 / 10 + top, p.scale, p.skew))
        .join('');
      return `<path fill="rgb(${layer.rgb.join(',')})" d="${d}"/>`;
    });
    const svg = `<svg width="${CARD_WIDTH}" height="${CARD_HEIGHT}" xmlns="http://www.w3.org/2000/svg">${paths.join('')}</svg>`;
    const pixels = new Resvg(svg, { font: { loadSystemFonts: false } }).render().pixels;
    return blendLayer(grey(), { pixels, width: CARD_WIDTH, height: CARD_HEIGHT, left: 0, top: 0 });
  }
  const grey = () => Buffer.alloc(CARD_WIDTH * CARD_HEIGHT * 3, 40);
  const beyond = (a: Buffer, b: Buffer, levels: number) => {
    let count = 0;
    // Channels, not pixels, apart by more than `levels`.
    for (let i = 0; i < a.length; i++) if (Math.abs(a[i]! - b[i]!) > levels) count++;
    return count;
  };

  it('paints as resvg fills each run as one outline; adding or taking the larger coverage does not', () => {
    for (const [id, drawing] of drawings) {
      const reference = resvgFill(drawing, 64, 150);
      const painted = (overlap: GlyphDrawing['overlap'], painter = createGlyphPainter()) => {
        const rgb = grey();
        painter.paint(rgb, { ...drawing, overlap }, 64, 150);
        return rgb;
      };
      const union = painted('union');
      // The comparison can fail: where glyphs overlap (headstrokes, conjuncts, marks) neither rule is the union.
      // Measured: not one channel of one pixel apart, for all three.
      expect(beyond(union, reference, 4), id).toBe(0);
      // The comparison can fail: where glyphs overlap (headstrokes, conjuncts, marks) neither rule is the union
      // (channels beyond 16 levels, measured: adding 3 in Tamil, ~300 in Hindi and Bengali; the larger 9–60).
      expect(beyond(painted('add'), reference, 16), id).toBeGreaterThan(0);
      expect(beyond(painted('max'), reference, 16), id).toBeGreaterThan(5);
      // Cached groups paint the same; a group cache too small to hold any group paints the same too.
      const painter = createGlyphPainter();
      painted('union', painter);
      expect(painter.groupSize(), id).toBeGreaterThan(0);
      expect(painted('union', painter).equals(union), id).toBe(true);
      const tiny = createGlyphPainter(undefined, undefined, 1);
      expect(painted('union', tiny).equals(union), id).toBe(true);
      expect(tiny.groupSize(), id).toBe(0);
    }
  });
});
