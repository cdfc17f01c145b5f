/**
 * The code points a TrueType/OpenType font maps to glyphs, read from its `cmap` table (formats 4 and 12, the ones
 * Unicode fonts carry): https://learn.microsoft.com/typography/opentype/spec/cmap. For tests that check coverage
 * without going through satori (combining marks, which satori never looks up on their own).
 */
export declare function fontCodePoints(data: Buffer): Set<number>;
