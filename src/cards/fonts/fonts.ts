import { createHash, type Hash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Font } from 'satori';
import { AppError } from '../../errors.js';
import type { FallbackFont, FontCatalog } from './font-catalog.js';
import { manifestSchema, resolveManifestPath, shown } from './font-manifest.js';

/** The fonts every card is drawn with, read once at start-up from a directory holding `fonts.json`. */
export interface LoadedFonts {
  /** satori's font list. satori caches parsed fonts by the identity of this array: always pass this same one. */
  fonts: Font[];
  /**
   * Short content hash of the manifest, every base font, every fallback font and the emoji set's version: part of
   * every card's version and cache key, so a changed font anywhere in the chain changes every card's URL.
   */
  hash: string;
  /** Absolute paths of the base font files, in manifest order. */
  files: string[];
  /** Fallback fonts and emoji, by path: render workers read them lazily, the first time a card needs them. */
  catalog: FontCatalog;
}

export const FONTS_MANIFEST = 'fonts.json';

/**
 * Reads `<dir>/fonts.json`, every base font it lists, and hashes every fallback font (without keeping them: the
 * workers load those on demand). Setup errors name the file and the fix, because they stop the service at start-up
 * (docs/STYLE.md, "Setup errors name the fix").
 */
export async function loadFonts(dir: string): Promise<LoadedFonts> {
  const manifestPath = join(dir, FONTS_MANIFEST);
  const manifestText = await readFile(manifestPath, 'utf8').catch((cause: unknown) => {
    throw new AppError('FONTS_MANIFEST_INVALID', `font manifest ${shown(manifestPath)} could not be read`, { cause });
  });
  const parsed = manifestSchema.safeParse(parseJson(manifestText, manifestPath));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new AppError('FONTS_MANIFEST_INVALID', `font manifest ${shown(manifestPath)} is invalid: ${problems}`);
  }
  const manifest = parsed.data;

  // Every file is read or looked up at once, then hashed in the manifest's order: one after another, each
  // read and stat waited for its own turn through libuv's threads (~15 of them on a cold `syndicard card`).
  const files = manifest.fonts.map((entry) => join(dir, entry.file));
  const faceLists = manifest.fallbacks.map((entry) =>
    Promise.all(
      entry.faces.map(async (face) => {
        const path = resolveManifestPath(dir, face.file);
        return { path, weight: face.weight, ...(await fallbackDigest(path, manifestPath)) };
      }),
    ),
  );
  const [datas, faced] = await Promise.all([
    Promise.all(files.map((path) => readFontFile(path, manifestPath))),
    Promise.all(faceLists),
  ]);

  const hash = createHash('sha256').update(JSON.stringify(manifest.fonts));
  const fonts: Font[] = manifest.fonts.map((entry, i) => {
    hash.update(datas[i]!);
    return { name: entry.family, data: datas[i]!, weight: entry.weight, style: entry.style };
  });

  hash.update(JSON.stringify(manifest.fallbacks));
  const fallbacks: FallbackFont[] = manifest.fallbacks.map((entry, i) => {
    const faces = faced[i]!.map(({ path, weight, digest, bytes }) => {
      hash.update(digest);
      return { path, weight, bytes };
    });
    return { name: entry.name, family: entry.family, lang: entry.lang, also: entry.also, faces };
  });

  let emojiDir: string | undefined;
  if (manifest.emoji) {
    emojiDir = resolveManifestPath(dir, manifest.emoji.dir);
    await hashEmojiSet(hash, emojiDir, manifestPath);
  }
  return { fonts, hash: hash.digest('base64url').slice(0, 16), files, catalog: { fallbacks, emojiDir } };
}

/**
 * SHA-256 of a fallback font, read once to check and hash it and then dropped (a worker reads it again only if a
 * card needs it). The ~25 MB of fallback fonts take ~0.1–1 s to read and hash; a process that loads the fonts
 * again (tests, the CLI after the server) reuses the digest while the file's size, mtime and inode are unchanged,
 * and so does every process of a build: `npm run build` writes the digests beside the compiled module
 * (scripts/font-digests.mjs), which saves a cold `syndicard card` ~40 ms of its ~400 (docs/performance.md, CLI).
 */
interface Digest {
  key: string;
  digest: string;
  bytes: number;
}
const digests = new Map<string, Digest>();
const BUILT_DIGESTS = new URL('./fallback-digests.json', import.meta.url);
let builtRead: Promise<void> | undefined;

/** Absent (sources under tsx, or a build without it) or unreadable: every font is hashed as before. */
function readBuiltDigests(): Promise<void> {
  builtRead ??= readFile(BUILT_DIGESTS, 'utf8').then(
    (text) => {
      for (const [path, entry] of Object.entries(JSON.parse(text) as Record<string, Digest>)) {
        if (!digests.has(path)) digests.set(path, entry);
      }
    },
    () => undefined,
  );
  return builtRead;
}

/** The digests this process knows, by font path: what the build writes to fallback-digests.json. */
export function knownFallbackDigests(): Record<string, Digest> {
  return Object.fromEntries(digests);
}

async function fallbackDigest(path: string, manifestPath: string): Promise<{ digest: string; bytes: number }> {
  const info = await stat(path).catch(() => undefined);
  const key = info ? `${info.size}:${info.mtimeMs}:${info.ino}` : '';
  await readBuiltDigests();
  const known = digests.get(path);
  if (known && known.key === key) return known;
  const data = await readFontFile(path, manifestPath);
  const entry = { key, digest: createHash('sha256').update(data).digest('base64url'), bytes: data.byteLength };
  digests.set(path, entry);
  return entry;
}

/** The emoji set's identity without reading its thousands of files: its package.json (name and version). */
async function hashEmojiSet(hash: Hash, dir: string, manifestPath: string): Promise<void> {
  const where = `emoji directory ${shown(dir)} listed in ${shown(manifestPath)}`;
  const info = await stat(dir).catch((cause: unknown) => {
    throw new AppError('FONT_FILE_UNREADABLE', `${where} was not found (run npm install)`, { cause });
  });
  if (!info.isDirectory()) throw new AppError('FONT_FILE_UNREADABLE', `${where} is not a directory`);
  const packageJson = await readFile(join(dir, 'package.json')).catch(() => undefined);
  hash.update(packageJson ?? dir);
}

async function readFontFile(path: string, manifestPath: string): Promise<Buffer> {
  const where = `font file ${shown(path)} listed in ${shown(manifestPath)}`;
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
    const fix = missing && path.includes('node_modules') ? ' (run npm install)' : '';
    throw new AppError('FONT_FILE_UNREADABLE', `${where} was ${missing ? 'not found' : 'unreadable'}${fix}`, {
      cause,
    });
  }
  const magic = data.subarray(0, 4).toString('latin1');
  if (magic === 'ttcf') {
    throw new AppError('FONT_FILE_UNREADABLE', `${where} is a font collection (.ttc), which satori cannot read`);
  }
  // sfnt version 1.0, 'true' (Apple TrueType), 'OTTO' (CFF), WOFF and WOFF2 (https://learn.microsoft.com/typography/opentype/spec/otff).
  if (!['\u0000\u0001\u0000\u0000', 'true', 'OTTO', 'wOFF', 'wOF2'].includes(magic)) {
    throw new AppError('FONT_FILE_UNREADABLE', `${where} is not a TrueType, OpenType or WOFF font`);
  }
  return data;
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new AppError('FONTS_MANIFEST_INVALID', `font manifest ${shown(path)} is not valid JSON`, { cause });
  }
}
