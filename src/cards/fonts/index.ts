/**
 * Fonts stage: the manifest, base fonts and the fallback catalog (scripts, CJK locales, emoji) read at start-up.
 * Render workers import font-catalog.js and font-assets.js by file, not through this index, so they do not load
 * the manifest's schema (zod) that only start-up needs.
 */
export type { FontAssets } from './font-assets.js';
export { type CjkLocale, EMPTY_CATALOG, type FontCatalog, type SatoriLocale } from './font-catalog.js';
export { FONTS_MANIFEST, type LoadedFonts, loadFonts } from './fonts.js';
