import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import type { Font, FontWeight } from 'satori';
import { z } from 'zod';
import { AppError } from '../errors.js';

/** The fonts every card is drawn with, read once at start-up from a directory holding `fonts.json`. */
export interface LoadedFonts {
  /** satori's font list. satori caches parsed fonts by the identity of this array: always pass this same one. */
  fonts: Font[];
  /** Short content hash of the manifest and every font file: part of every card's version and cache key. */
  hash: string;
  /** Absolute paths of the font files, in manifest order. */
  files: string[];
}

export const FONTS_MANIFEST = 'fonts.json';

const weights = [100, 200, 300, 400, 500, 600, 700, 800, 900] as const;
const manifestSchema = z.object({
  fonts: z
    .array(
      z.object({
        file: z.string().regex(/^[^/\\]+\.(ttf|otf|woff2?)$/i, 'must be a .ttf, .otf, .woff or .woff2 file name'),
        family: z.string().min(1),
        weight: z.number().refine((w): w is FontWeight => (weights as readonly number[]).includes(w), {
          message: 'must be 100, 200, … 900',
        }),
        style: z.enum(['normal', 'italic']),
      }),
    )
    .min(1),
});

/**
 * Reads `<dir>/fonts.json` and every font it lists. Setup errors name the file and the fix, because they stop the
 * service at start-up (STYLE.md, "Setup errors name the fix").
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

  const hash = createHash('sha256').update(JSON.stringify(parsed.data.fonts));
  const fonts: Font[] = [];
  const files: string[] = [];
  for (const entry of parsed.data.fonts) {
    const path = join(dir, entry.file);
    const data = await readFontFile(path, manifestPath);
    hash.update(data);
    fonts.push({ name: entry.family, data, weight: entry.weight, style: entry.style });
    files.push(path);
  }
  return { fonts, hash: hash.digest('base64url').slice(0, 16), files };
}

async function readFontFile(path: string, manifestPath: string): Promise<Buffer> {
  const where = `font file ${shown(path)} listed in ${shown(manifestPath)}`;
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
    throw new AppError('FONT_FILE_UNREADABLE', `${where} was ${missing ? 'not found' : 'unreadable'}`, { cause });
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

/** A path as the operator knows it: relative to the working directory when inside it (`fonts/X.ttf`). */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
