import { Resvg } from '@resvg/resvg-js';
import { LRUCache } from 'lru-cache';
import { CARD_HEIGHT, CARD_WIDTH } from '../spec.js';
import { createEmojiRasters } from './emoji-rasters.js';
import { type GlyphDrawing, type PathCommand, PHASES, type PlacedGlyph, type SatoriGlyph } from './glyph-layout.js';
import { addCoverage, blendLayer, fillRect, type GlyphMask, paintCoverage } from './pixels.js';

export interface GlyphPainter {
  /** Paints `drawing` onto the card's opaque RGB pixels with its top-left corner at (left, top), in place. */
  paint(rgb: Buffer, drawing: GlyphDrawing, left: number, top: number): void;
  /** Masks held, for tests. */
  size(): number;
  /** Emoji rasters held, for tests. */
  emojiSize(): number;
}

/**
 * Coverage masks by glyph, scale and phase (tenths of a pixel in x and in y): a size's headlines take ten x phases
 * and one y phase per line, so one template's Latin glyphs at one size are a few thousand masks of ~2 KB.
 */
export function createGlyphPainter(maxBytes = 12 * 1_048_576, maxEmojiBytes = 8 * 1_048_576): GlyphPainter {
  const ids = new WeakMap<SatoriGlyph, number>();
  let nextId = 0;
  const masks = new LRUCache<string, GlyphMask>({ maxSize: maxBytes, sizeCalculation: (m) => m.alpha.length + 64 });
  // Coverage of the whole card, added up per text run (saturating at 255: a clamped array) and cleared as painted.
  const coverage = new Uint8ClampedArray(CARD_WIDTH * CARD_HEIGHT);

  const emoji = createEmojiRasters(maxEmojiBytes);

  function keyOf(placed: PlacedGlyph): string {
    let id = ids.get(placed.glyph);
    if (id === undefined) {
      id = nextId++;
      ids.set(placed.glyph, id);
    }
    return `${id}:${placed.scale}:${placed.skew}:${mod10(placed.x10)}:${mod10(placed.y10)}`;
  }

  /** Fills every glyph missing from the cache in one resvg pass (one SVG, glyphs side by side). */
  function rasterise(missing: Map<string, PlacedGlyph>, found: Map<string, GlyphMask>): void {
    if (missing.size === 0) return;
    const cells: {
      key: string;
      d: string;
      x: number;
      y: number;
      width: number;
      height: number;
      dx: number;
      dy: number;
    }[] = [];
    const ATLAS_WIDTH = 2048;
    let x = 0;
    let y = 0;
    let rowHeight = 0;
    for (const [key, placed] of missing) {
      const { glyph, scale, skew } = placed;
      const phaseX = mod10(placed.x10) / PHASES;
      const phaseY = mod10(placed.y10) / PHASES;
      const box = outlineBox(glyph.path.commands, scale, skew);
      if (!box) {
        keep(key, EMPTY);
        continue;
      }
      // Whole pixels around the ink at this phase, one spare on each side for anti-aliasing.
      const dx = Math.floor(box.x0 + phaseX) - 1;
      const dy = Math.floor(box.y0 + phaseY) - 1;
      const width = Math.ceil(box.x1 + phaseX) + 1 - dx;
      const height = Math.ceil(box.y1 + phaseY) + 1 - dy;
      if (x + width > ATLAS_WIDTH) {
        x = 0;
        y += rowHeight;
        rowHeight = 0;
      }
      // The glyph's origin in the atlas: the cell's corner minus its offset, plus the phase.
      const d = pathData(
        glyph.path.commands,
        (x - dx) * PHASES + mod10(placed.x10),
        (y - dy) * PHASES + mod10(placed.y10),
        scale,
        skew,
      );
      cells.push({ key, d, x, y, width, height, dx, dy });
      x += width;
      rowHeight = Math.max(rowHeight, height);
    }
    if (cells.length === 0) return;
    const atlasWidth = ATLAS_WIDTH;
    const atlasHeight = y + rowHeight;
    const paths = cells.map((cell) => `<path d="${cell.d}"/>`).join('');
    const svg = `<svg width="${atlasWidth}" height="${atlasHeight}" viewBox="0 0 ${atlasWidth} ${atlasHeight}" xmlns="http://www.w3.org/2000/svg">${paths}</svg>`;
    const image = new Resvg(svg, { font: { loadSystemFonts: false } }).render();
    const pixels = image.pixels;
    const stride = image.width;
    for (const cell of cells) {
      // The cell's alpha, cropped to its ink.
      let top = cell.height;
      let bottom = -1;
      let left = cell.width;
      let right = -1;
      for (let row = 0; row < cell.height; row++) {
        const from = ((cell.y + row) * stride + cell.x) * 4 + 3;
        for (let col = 0; col < cell.width; col++) {
          if (pixels[from + col * 4] === 0) continue;
          if (row < top) top = row;
          bottom = row;
          if (col < left) left = col;
          if (col > right) right = col;
        }
      }
      if (bottom < 0) {
        keep(cell.key, EMPTY);
        continue;
      }
      const width = right - left + 1;
      const height = bottom - top + 1;
      const alpha = new Uint8Array(width * height);
      for (let row = 0; row < height; row++) {
        const from = ((cell.y + top + row) * stride + cell.x + left) * 4 + 3;
        for (let col = 0; col < width; col++) alpha[row * width + col] = pixels[from + col * 4]!;
      }
      keep(cell.key, { alpha, width, height, dx: cell.dx + left, dy: cell.dy + top });
    }

    function keep(key: string, mask: GlyphMask): void {
      masks.set(key, mask);
      found.set(key, mask);
    }
  }

  return {
    size: () => masks.size,
    emojiSize: () => emoji.size(),
    paint(rgb, drawing, left, top) {
      // Every mask this card needs, held here for the card: rasterising the missing ones may evict others.
      const found = new Map<string, GlyphMask>();
      const missing = new Map<string, PlacedGlyph>();
      const keys = drawing.layers.map((layer) =>
        layer.kind === 'text'
          ? layer.glyphs.map((placed) => {
              const key = keyOf(placed);
              if (!found.has(key) && !missing.has(key)) {
                const mask = masks.get(key);
                if (mask) found.set(key, mask);
                else missing.set(key, placed);
              }
              return key;
            })
          : [],
      );
      rasterise(missing, found);
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
        // Coverage of the whole run first (glyphs that touch add up), then the colour through it, glyph box by
        // glyph box, clearing it as it goes (a pixel under two boxes is painted once).
        const boxes: { mask: GlyphMask; x: number; y: number }[] = [];
        layer.glyphs.forEach((placed, i) => {
          const mask = found.get(keys[index]![i]!)!;
          if (mask.width === 0) return;
          const x = left + Math.floor(placed.x10 / PHASES) + mask.dx;
          const y = top + Math.floor(placed.y10 / PHASES) + mask.dy;
          if (x >= CARD_WIDTH || y >= CARD_HEIGHT || x + mask.width <= 0 || y + mask.height <= 0) return;
          boxes.push({ mask, x, y });
          addCoverage(coverage, mask, x, y, drawing.overlap);
        });
        for (const { mask, x, y } of boxes) paintCoverage(rgb, coverage, x, y, mask.width, mask.height, layer.rgb);
      });
    },
  };
}

const EMPTY: GlyphMask = { alpha: new Uint8Array(0), width: 0, height: 0, dx: 0, dy: 0 };

function mod10(tenthsValue: number): number {
  return ((tenthsValue % PHASES) + PHASES) % PHASES;
}

/** The outline's bounding box in pixels from its origin (y down), control points included; undefined if empty. */
function outlineBox(commands: PathCommand[], scale: number, skew: number) {
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

/**
 * The glyph's path data with its origin at (originX10, originY10) tenths of a pixel: satori's own conversion (`fd`
 * in its source: x + skew·y, scaled, y flipped, each coordinate rounded to 0.1 px half away from zero).
 */
function pathData(commands: PathCommand[], originX10: number, originY10: number, scale: number, skew: number): string {
  const gx = originX10 / PHASES;
  const gy = originY10 / PHASES;
  const round = (v: number) => (v < 0 ? -Math.round(-v * 10) : Math.round(v * 10)) / 10;
  const X = (x: number, y: number) => round(gx + (x + skew * y) * scale);
  const Y = (y: number) => round(gy - y * scale);
  let d = '';
  for (const c of commands) {
    switch (c.type) {
      case 'M':
      case 'L':
        d += `${c.type}${X(c.x, c.y)} ${Y(c.y)}`;
        break;
      case 'Q':
        d += `Q${X(c.x1, c.y1)} ${Y(c.y1)} ${X(c.x, c.y)} ${Y(c.y)}`;
        break;
      case 'C':
        d += `C${X(c.x1, c.y1)} ${Y(c.y1)} ${X(c.x2, c.y2)} ${Y(c.y2)} ${X(c.x, c.y)} ${Y(c.y)}`;
        break;
      case 'Z':
        d += 'Z';
        break;
    }
  }
  return d;
}
