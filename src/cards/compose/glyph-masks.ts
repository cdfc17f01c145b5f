import { LRUCache } from 'lru-cache';
import { CARD_HEIGHT, CARD_WIDTH } from '../spec.js';
import { createEmojiRasters } from './emoji-rasters.js';
import { groupGlyphs, outlineBox } from './glyph-groups.js';
import { type GlyphDrawing, PHASES, type PlacedGlyph, type SatoriGlyph } from './glyph-layout.js';
import { outlinePath } from './glyph-positions.js';
import { addCoverage, blendLayer, fillRect, type GlyphMask, paintCoverage } from './pixels.js';
import { Resvg } from './resvg.js';

export interface GlyphPainter {
  /** Paints `drawing` onto the card's opaque RGB pixels with its top-left corner at (left, top), in place. */
  paint(rgb: Buffer, drawing: GlyphDrawing, left: number, top: number): void;
  /** Masks held, for tests. */
  size(): number;
  /** Masks of glyph groups held (overlap `union`, glyph-groups.ts), for tests. */
  groupSize(): number;
  /** Emoji rasters held, for tests. */
  emojiSize(): number;
}

/**
 * Coverage masks by glyph, scale and phase (tenths of a pixel in x and in y): a size's headlines take ten x phases
 * and one y phase per line, so one template's Latin glyphs at one size are a few thousand masks of ~2 KB.
 * Groups of glyphs filled as one outline (glyph-groups.ts) are kept apart, by their glyphs, the offsets between them
 * in tenths, scale and phase: a Devanagari word at 58 px is ~10–20 KB, so the default bound holds ~500 words.
 */
export function createGlyphPainter(
  maxBytes = 12 * 1_048_576,
  maxEmojiBytes = 8 * 1_048_576,
  maxGroupBytes = 8 * 1_048_576,
): GlyphPainter {
  const ids = new WeakMap<SatoriGlyph, number>();
  let nextId = 0;
  const masks = new LRUCache<string, GlyphMask>({ maxSize: maxBytes, sizeCalculation: (m) => m.alpha.length + 64 });
  const groups = new LRUCache<string, GlyphMask>({
    maxSize: maxGroupBytes,
    sizeCalculation: (m, key) => m.alpha.length + 64 + 2 * key.length,
  });
  // Coverage of the whole card, added up per text run (saturating at 255: a clamped array) and cleared as painted.
  const coverage = new Uint8ClampedArray(CARD_WIDTH * CARD_HEIGHT);

  const emoji = createEmojiRasters(maxEmojiBytes);

  function idOf(glyph: SatoriGlyph): number {
    let id = ids.get(glyph);
    if (id === undefined) {
      id = nextId++;
      ids.set(glyph, id);
    }
    return id;
  }

  /** A group's key: each glyph with its offset from the first in tenths, scale and skew; the first glyph's phase. */
  function keyOf(group: PlacedGlyph[]): string {
    const [first] = group as [PlacedGlyph];
    const phase = `${mod10(first.x10)}:${mod10(first.y10)}`;
    if (group.length === 1) return `${idOf(first.glyph)}:${first.scale}:${first.skew}:${phase}`;
    const parts = group.map((p) => `${idOf(p.glyph)},${p.x10 - first.x10},${p.y10 - first.y10},${p.scale},${p.skew}`);
    return `${parts.join('|')}:${phase}`;
  }

  const cacheOf = (group: PlacedGlyph[]) => (group.length === 1 ? masks : groups);

  /** Fills every mask missing from the caches in one resvg pass (one SVG, glyphs and groups side by side). */
  function rasterise(missing: Map<string, PlacedGlyph[]>, found: Map<string, GlyphMask>): void {
    if (missing.size === 0) return;
    const cells: { key: string; group: PlacedGlyph[]; d: string; x: number; y: number; w: number; h: number }[] = [];
    const cellOrigin: { dx: number; dy: number }[] = [];
    const ATLAS_WIDTH = 2048;
    let x = 0;
    let y = 0;
    let rowHeight = 0;
    let atlasWidth = ATLAS_WIDTH;
    for (const [key, group] of missing) {
      const first = group[0]!;
      const phaseX = mod10(first.x10);
      const phaseY = mod10(first.y10);
      // The group's outline box in pixels from the first glyph's whole-pixel origin.
      let box: { x0: number; y0: number; x1: number; y1: number } | undefined;
      for (const placed of group) {
        const b = outlineBox(placed.glyph.path.commands, placed.scale, placed.skew);
        if (!b) continue;
        const ox = (placed.x10 - first.x10 + phaseX) / PHASES;
        const oy = (placed.y10 - first.y10 + phaseY) / PHASES;
        box = {
          x0: Math.min(box?.x0 ?? Infinity, ox + b.x0),
          y0: Math.min(box?.y0 ?? Infinity, oy + b.y0),
          x1: Math.max(box?.x1 ?? -Infinity, ox + b.x1),
          y1: Math.max(box?.y1 ?? -Infinity, oy + b.y1),
        };
      }
      if (!box) {
        keep(key, group, EMPTY);
        continue;
      }
      // Whole pixels around the ink, one spare on each side for anti-aliasing.
      const dx = Math.floor(box.x0) - 1;
      const dy = Math.floor(box.y0) - 1;
      const w = Math.ceil(box.x1) + 1 - dx;
      const h = Math.ceil(box.y1) + 1 - dy;
      if (x > 0 && x + w > atlasWidth) {
        x = 0;
        y += rowHeight;
        rowHeight = 0;
      }
      atlasWidth = Math.max(atlasWidth, w);
      // Each glyph's origin in the atlas, in tenths: the cell's corner minus its offset, plus the phase and the
      // glyph's offset from the first, so the group is the same outline as in the card, shifted by whole pixels.
      const d = group
        .map((placed) => {
          const ox = (x - dx) * PHASES + phaseX + placed.x10 - first.x10;
          const oy = (y - dy) * PHASES + phaseY + placed.y10 - first.y10;
          return outlinePath(placed.glyph.path.commands, ox / PHASES, oy / PHASES, placed.scale, placed.skew);
        })
        .join('');
      cells.push({ key, group, d, x, y, w, h });
      cellOrigin.push({ dx, dy });
      x += w;
      rowHeight = Math.max(rowHeight, h);
    }
    if (cells.length === 0) return;
    const atlasHeight = y + rowHeight;
    const paths = cells.map((cell) => `<path d="${cell.d}"/>`).join('');
    const svg = `<svg width="${atlasWidth}" height="${atlasHeight}" viewBox="0 0 ${atlasWidth} ${atlasHeight}" xmlns="http://www.w3.org/2000/svg">${paths}</svg>`;
    const image = new Resvg(svg, { font: { loadSystemFonts: false } }).render();
    const pixels = image.pixels;
    const stride = image.width;
    cells.forEach((cell, index) => {
      // The cell's alpha, cropped to its ink.
      let top = cell.h;
      let bottom = -1;
      let left = cell.w;
      let right = -1;
      for (let row = 0; row < cell.h; row++) {
        const from = ((cell.y + row) * stride + cell.x) * 4 + 3;
        for (let col = 0; col < cell.w; col++) {
          if (pixels[from + col * 4] === 0) continue;
          if (row < top) top = row;
          bottom = row;
          if (col < left) left = col;
          if (col > right) right = col;
        }
      }
      if (bottom < 0) {
        keep(cell.key, cell.group, EMPTY);
        return;
      }
      const width = right - left + 1;
      const height = bottom - top + 1;
      const alpha = new Uint8Array(width * height);
      for (let row = 0; row < height; row++) {
        const from = ((cell.y + top + row) * stride + cell.x + left) * 4 + 3;
        for (let col = 0; col < width; col++) alpha[row * width + col] = pixels[from + col * 4]!;
      }
      const { dx, dy } = cellOrigin[index]!;
      keep(cell.key, cell.group, { alpha, width, height, dx: dx + left, dy: dy + top });
    });

    function keep(key: string, group: PlacedGlyph[], mask: GlyphMask): void {
      cacheOf(group).set(key, mask);
      found.set(key, mask);
    }
  }

  return {
    size: () => masks.size,
    groupSize: () => groups.size,
    emojiSize: () => emoji.size(),
    paint(rgb, drawing, left, top) {
      // Every mask this card needs, held here for the card: rasterising the missing ones may evict others.
      const found = new Map<string, GlyphMask>();
      const missing = new Map<string, PlacedGlyph[]>();
      // What each text run is painted from: its glyphs one by one, or its groups (overlap `union`).
      const units = drawing.layers.map((layer) => {
        if (layer.kind !== 'text') return [];
        const run = drawing.overlap === 'union' ? groupGlyphs(layer.glyphs) : layer.glyphs.map((placed) => [placed]);
        return run.map((group) => {
          const key = keyOf(group);
          if (!found.has(key) && !missing.has(key)) {
            const mask = cacheOf(group).get(key);
            if (mask) found.set(key, mask);
            else missing.set(key, group);
          }
          return { key, first: group[0]! };
        });
      });
      rasterise(missing, found);
      // Groups share no pixel: their coverages add up.
      const combine = drawing.overlap === 'max' ? 'max' : 'add';
      drawing.layers.forEach((layer, index) => {
        if (layer.kind === 'rect') {
          fillRect(rgb, left + layer.x, top + layer.y, layer.width, layer.height, layer.rgb);
          return;
        }
        if (layer.kind === 'image') {
          const { raster, left: x, top: y } = emoji.raster(layer);
          blendLayer(rgb, { ...raster, left: left + x, top: top + y });
          return;
        }
        // Coverage of the whole run first (glyphs that touch add up), then the colour through it, mask box by
        // mask box, clearing it as it goes (a pixel under two boxes is painted once).
        const boxes: { mask: GlyphMask; x: number; y: number }[] = [];
        for (const { key, first } of units[index]!) {
          const mask = found.get(key)!;
          if (mask.width === 0) continue;
          const x = left + Math.floor(first.x10 / PHASES) + mask.dx;
          const y = top + Math.floor(first.y10 / PHASES) + mask.dy;
          if (x >= CARD_WIDTH || y >= CARD_HEIGHT || x + mask.width <= 0 || y + mask.height <= 0) continue;
          boxes.push({ mask, x, y });
          addCoverage(coverage, mask, x, y, combine);
        }
        for (const { mask, x, y } of boxes) paintCoverage(rgb, coverage, x, y, mask.width, mask.height, layer.rgb);
      });
    },
  };
}

const EMPTY: GlyphMask = { alpha: new Uint8Array(0), width: 0, height: 0, dx: 0, dy: 0 };

function mod10(tenthsValue: number): number {
  return ((tenthsValue % PHASES) + PHASES) % PHASES;
}
