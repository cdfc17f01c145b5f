import { createRequire } from 'node:module';
import type { HarfBuzz } from 'harfbuzzjs';

// A CommonJS module whose export is a promise: required, so no ESM interop wraps the promise.
const harfbuzz = createRequire(import.meta.url)('harfbuzzjs') as Promise<HarfBuzz>;

/** Characters that draw nothing by themselves (joiners, selectors, marks inserted for bidi): no font needs them. */
const FORMAT = /\p{Cf}|\p{White_Space}|\p{Variation_Selector}/u;

/**
 * Which characters of a text no font in a list has a glyph for (read from each font's cmap by HarfBuzz, the
 * shaper satori uses). A browser draws such characters from a system font or as a box, so a layout comparison on
 * them would compare different fonts.
 */
export async function createCoverage(fonts: readonly Uint8Array[]): Promise<(text: string) => string[]> {
  const hb = await harfbuzz;
  const covered = new Set<number>();
  for (const data of fonts) {
    const blob = hb.createBlob(data);
    const face = hb.createFace(blob, 0);
    for (const codePoint of face.collectUnicodes()) covered.add(codePoint);
    face.destroy();
    blob.destroy();
  }
  return (text) => [...new Set([...text].filter((char) => !FORMAT.test(char) && !covered.has(char.codePointAt(0)!)))];
}
