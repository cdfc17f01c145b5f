import { fileURLToPath } from 'node:url';

/** The bundled fonts/ folder, found from this module so it works from src/ (tsx) and dist/ alike. */
export const FONTS_DIR = fileURLToPath(new URL('../../fonts', import.meta.url));

/** The examples/ folder the README's examples use (the banner's `try:` line points at its seed article). */
export const EXAMPLES_DIR = fileURLToPath(new URL('../../examples', import.meta.url));
