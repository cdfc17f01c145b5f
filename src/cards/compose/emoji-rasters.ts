import { LRUCache } from 'lru-cache';
import type { EmojiImage } from './glyph-layout.js';
import { Resvg } from './resvg.js';

/**
 * Emoji pictures rasterised once per (picture, box size, sub-pixel phase) and kept, least recently used dropped
 * first, up to `maxBytes`. resvg draws an <image> of an SVG by rendering the picture at the image's transform
 * (fractional position included) into a transparent canvas and compositing that canvas source-over, premultiplied
 * (resvg's image.rs); a raster of the picture at the same fractional phase, shifted by whole pixels, is that canvas,
 * and blendLayer (pixels.ts) is the same compositing. A 76 px emoji is ~25 KB, so the default holds ~300.
 */
export function createEmojiRasters(maxBytes: number) {
  type Raster = { pixels: Uint8Array; width: number; height: number };
  const rasters = new LRUCache<string, Raster>({ maxSize: maxBytes, sizeCalculation: (r) => r.pixels.length + 64 });
  return {
    size: () => rasters.size,
    /** The image's raster and where its top-left pixel goes, relative to the drawing's origin. */
    raster(image: EmojiImage): { raster: Raster; left: number; top: number } {
      const left = Math.floor(image.x);
      const top = Math.floor(image.y);
      // The phase in millionths of a pixel: satori's coordinates are sums of a few decimals, which float subtraction
      // leaves a few ulps off; a millionth is far below what the rasteriser resolves.
      const phaseX = Math.round((image.x - left) * 1e6) / 1e6;
      const phaseY = Math.round((image.y - top) * 1e6) / 1e6;
      const key = `${image.width} ${image.height} ${phaseX} ${phaseY} ${image.href}`;
      let raster = rasters.get(key);
      if (!raster) {
        const width = Math.max(1, Math.ceil(phaseX + image.width));
        const height = Math.max(1, Math.ceil(phaseY + image.height));
        const svg = `<svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg"><image href="${image.href}" x="${phaseX}" y="${phaseY}" width="${image.width}" height="${image.height}"/></svg>`;
        const drawn = new Resvg(svg, { font: { loadSystemFonts: false } }).render();
        raster = { pixels: drawn.pixels, width: drawn.width, height: drawn.height };
        rasters.set(key, raster);
      }
      return { raster, left, top };
    },
  };
}
