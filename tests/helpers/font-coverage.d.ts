/**
 * Which characters of a text no font in a list has a glyph for (read from each font's cmap by HarfBuzz, the
 * shaper satori uses). A browser draws such characters from a system font or as a box, so a layout comparison on
 * them would compare different fonts.
 */
export declare function createCoverage(fonts: readonly Uint8Array[]): Promise<(text: string) => string[]>;
