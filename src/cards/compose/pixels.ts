import { CARD_HEIGHT, CARD_WIDTH } from '../spec.js';

/** Premultiplied RGBA pixels (tiny-skia's, so resvg's, format) of a box placed at (left, top) on the card. */
export interface RgbaLayer {
  pixels: Uint8Array;
  width: number;
  height: number;
  left: number;
  top: number;
}

/**
 * Composites a layer over the card's opaque RGB pixels, in place: out = src + dst·(1−α), clipped to the card.
 * Layers are mostly transparent (text), so whole transparent pixels are skipped with one 32-bit read; in JS this is
 * ~1 ms for a headline, where sharp's general composite (float, linear light) costs ~20 ms for a whole card.
 */
export function blendLayer(rgb: Buffer, layer: RgbaLayer): Buffer {
  if (rgb.length !== CARD_WIDTH * CARD_HEIGHT * 3) {
    throw new RangeError(`blend expects ${CARD_WIDTH * CARD_HEIGHT * 3} bytes of card RGB, got ${rgb.length}`);
  }
  const { pixels, width, height, left, top } = layer;
  if (pixels.length !== width * height * 4) {
    throw new RangeError(`a ${width}×${height} layer needs ${width * height * 4} RGBA bytes, got ${pixels.length}`);
  }
  // One 32-bit read per pixel: 0 is transparent (skipped), alpha 255 is copied; both are most of a text layer.
  // Little-endian word: R | G << 8 | B << 16 | A << 24 (tiny-skia's byte order).
  const aligned = pixels.byteOffset % 4 === 0 ? pixels : pixels.slice();
  const words = new Uint32Array(aligned.buffer, aligned.byteOffset, width * height);
  const { x0, x1, y0, y1 } = onCard(width, height, left, top);
  for (let y = y0; y < y1; y++) {
    const row = y * width;
    const cardRow = (y + top) * CARD_WIDTH + left;
    for (let x = x0; x < x1; x++) {
      const word = words[row + x]!;
      if (word === 0) continue;
      const i = (cardRow + x) * 3;
      const keep = 255 - (word >>> 24);
      if (keep === 0) {
        rgb[i] = word & 255;
        rgb[i + 1] = (word >>> 8) & 255;
        rgb[i + 2] = (word >>> 16) & 255;
      } else {
        rgb[i] = (word & 255) + divide255(rgb[i]! * keep);
        rgb[i + 1] = ((word >>> 8) & 255) + divide255(rgb[i + 1]! * keep);
        rgb[i + 2] = ((word >>> 16) & 255) + divide255(rgb[i + 2]! * keep);
      }
    }
  }
  return rgb;
}

/**
 * The smallest part of a layer holding every painted pixel (a copy), or undefined when nothing is painted: a photo
 * card's frame paints only the brand and credit row, so blending its crop costs a tenth of blending the whole card.
 */
export function cropToInk(layer: RgbaLayer): RgbaLayer | undefined {
  const { pixels, width, height } = layer;
  let minX = width;
  let minY = height;
  let maxX = -1;
  let maxY = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (pixels[(y * width + x) * 4 + 3] === 0) continue;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      maxY = y;
    }
  }
  if (maxX < 0) return undefined;
  const cropWidth = maxX - minX + 1;
  const cropHeight = maxY - minY + 1;
  const crop = new Uint8Array(cropWidth * cropHeight * 4);
  for (let y = 0; y < cropHeight; y++) {
    const from = ((minY + y) * width + minX) * 4;
    crop.set(pixels.subarray(from, from + cropWidth * 4), y * cropWidth * 4);
  }
  return { pixels: crop, width: cropWidth, height: cropHeight, left: layer.left + minX, top: layer.top + minY };
}

/** A whole-card premultiplied RGBA layer composited over black, as RGB: the plain card's opaque frame. */
export function rgbOverBlack(rgba: Uint8Array): Buffer {
  const pixels = CARD_WIDTH * CARD_HEIGHT;
  if (rgba.length !== pixels * 4) throw new RangeError(`expected ${pixels * 4} RGBA bytes, got ${rgba.length}`);
  const rgb = Buffer.allocUnsafe(pixels * 3);
  for (let p = 0, i = 0, j = 0; p < pixels; p++, i += 3, j += 4) {
    rgb[i] = rgba[j]!;
    rgb[i + 1] = rgba[j + 1]!;
    rgb[i + 2] = rgba[j + 2]!;
  }
  return rgb;
}

/**
 * The part of a `width`×`height` picture placed at (left, top) that lies on the card, in the picture's own
 * coordinates: columns [x0, x1), rows [y0, y1) (empty when it lies wholly off the card).
 */
function onCard(width: number, height: number, left: number, top: number) {
  return {
    x0: Math.max(0, -left),
    x1: Math.min(width, CARD_WIDTH - left),
    y0: Math.max(0, -top),
    y1: Math.min(height, CARD_HEIGHT - top),
  };
}

/** Exact rounded x/255 for 0 ≤ x ≤ 255·255 (the classic (x + 128 + ((x + 128) >> 8)) >> 8). */
function divide255(x: number): number {
  const t = x + 128;
  return (t + (t >> 8)) >> 8;
}

/** One glyph's coverage at one sub-pixel phase: `width`×`height` bytes, its top-left `dx`,`dy` from the origin pixel. */
export interface GlyphMask {
  alpha: Uint8Array;
  width: number;
  height: number;
  dx: number;
  dy: number;
}

/** Adds a mask placed at (x, y) to the card's coverage (sum, saturating, or the larger), clipped to the card. */
export function addCoverage(
  coverage: Uint8ClampedArray,
  mask: GlyphMask,
  x: number,
  y: number,
  overlap: 'add' | 'max',
): void {
  const { alpha, width } = mask;
  const { x0, x1, y0, y1 } = onCard(width, mask.height, x, y);
  for (let row = y0; row < y1; row++) {
    const from = row * width;
    const to = (y + row) * CARD_WIDTH + x;
    for (let col = x0; col < x1; col++) {
      const a = alpha[from + col]!;
      if (a === 0) continue;
      const had = coverage[to + col]!;
      coverage[to + col] = overlap === 'add' ? had + a : Math.max(had, a);
    }
  }
}

/** Fills a solid rectangle of the card's RGB pixels, clipped to the card. */
export function fillRect(
  rgb: Buffer,
  x: number,
  y: number,
  width: number,
  height: number,
  color: readonly [number, number, number],
): void {
  const xa = Math.max(0, x);
  const xb = Math.min(CARD_WIDTH, x + width);
  for (let row = Math.max(0, y); row < Math.min(CARD_HEIGHT, y + height); row++) {
    for (let col = xa; col < xb; col++) {
      const i = (row * CARD_WIDTH + col) * 3;
      rgb[i] = color[0];
      rgb[i + 1] = color[1];
      rgb[i + 2] = color[2];
    }
  }
}

/**
 * Paints `color` through the coverage in the box at (x, y), `width`×`height` (clipped to the card), and clears it:
 * out = color·a + dst·(1 − a), in 8-bit steps as resvg's premultiplied colour blended by pixels.ts would give.
 */
export function paintCoverage(
  rgb: Buffer,
  coverage: Uint8ClampedArray,
  x: number,
  y: number,
  width: number,
  height: number,
  color: readonly [number, number, number],
): void {
  const [r, g, b] = color;
  const x0 = Math.max(0, x);
  const x1 = Math.min(CARD_WIDTH, x + width);
  const y1 = Math.min(CARD_HEIGHT, y + height);
  for (let row = Math.max(0, y); row < y1; row++) {
    const start = row * CARD_WIDTH;
    for (let col = x0; col < x1; col++) {
      const a = coverage[start + col]!;
      if (a === 0) continue;
      coverage[start + col] = 0;
      const i = (start + col) * 3;
      if (a === 255) {
        rgb[i] = r;
        rgb[i + 1] = g;
        rgb[i + 2] = b;
      } else {
        const keep = 255 - a;
        rgb[i] = divide255(r * a) + divide255(rgb[i]! * keep);
        rgb[i + 1] = divide255(g * a) + divide255(rgb[i + 1]! * keep);
        rgb[i + 2] = divide255(b * a) + divide255(rgb[i + 2]! * keep);
      }
    }
  }
}
