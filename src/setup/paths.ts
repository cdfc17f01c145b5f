import { fileURLToPath } from 'node:url';

/** The bundled fonts/ folder, found from this module so it works from src/ (tsx) and dist/ alike. */
export const FONTS_DIR = fileURLToPath(new URL('../../fonts', import.meta.url));
