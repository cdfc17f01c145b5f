// Part of `npm run build`, after tsc: writes dist/cards/fonts/fallback-digests.json, the SHA-256 of every fallback
// font in fonts/fonts.json keyed by its path, size, mtime and inode (src/cards/fonts/fonts.ts). Every process of
// this build (the server, each `syndicard card`) then names its cards by the fonts' content without reading and
// hashing ~25 MB of fonts first; a font changed or reinstalled since the build no longer matches and is hashed again.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const fonts = new URL('../dist/cards/fonts/fonts.js', import.meta.url);
const { loadFonts, knownFallbackDigests } = await import(fonts.href);
await loadFonts(fileURLToPath(new URL('../fonts', import.meta.url)));
await writeFile(new URL('./fallback-digests.json', fonts), `${JSON.stringify(knownFallbackDigests(), null, 1)}\n`);
