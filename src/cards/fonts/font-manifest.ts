import { createRequire } from 'node:module';
import { isAbsolute, join, relative } from 'node:path';
import type { FontWeight } from 'satori';
import { z } from 'zod';
import { SATORI_LOCALES } from './font-catalog.js';

/**
 * The schema of `fonts/fonts.json`: the base fonts (files beside the manifest), the fallback fonts satori loads
 * lazily per script (a file beside the manifest, or `npm:<package>/<path>` inside an installed package), and the
 * emoji set. See fonts/README.md.
 */

const weights = [100, 200, 300, 400, 500, 600, 700, 800, 900] as const;
const weight = z.number().refine((w): w is FontWeight => (weights as readonly number[]).includes(w), {
  message: 'must be 100, 200, … 900',
});
const fontFile = /\.(ttf|otf|woff2?)$/i;

export const manifestSchema = z.object({
  fonts: z
    .array(
      z.object({
        file: z.string().regex(/^[^/\\]+\.(ttf|otf|woff2?)$/i, 'must be a .ttf, .otf, .woff or .woff2 file name'),
        family: z.string().min(1),
        weight,
        style: z.enum(['normal', 'italic']),
      }),
    )
    .min(1),
  license: z.string().optional(),
  fallbacks: z
    .array(
      z.object({
        name: z.string().min(1),
        family: z.string().min(1),
        lang: z.enum(SATORI_LOCALES),
        also: z.array(z.string()).default([]),
        license: z.string().min(1),
        faces: z
          .array(z.object({ file: z.string().regex(fontFile, 'must name a .ttf, .otf, .woff or .woff2 file'), weight }))
          .min(1),
      }),
    )
    .default([]),
  emoji: z.object({ dir: z.string().min(1), license: z.string().min(1) }).optional(),
});

/**
 * A manifest path as a file path: `npm:@scope/pkg/sub/path` is found the way Node finds the package from the
 * manifest's directory (so `npm install` brings it), anything else is relative to that directory.
 */
export function resolveManifestPath(dir: string, file: string): string {
  if (!file.startsWith('npm:')) return join(dir, file);
  const spec = file.slice('npm:'.length);
  const parts = spec.split('/');
  const packageName = spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  const rest = spec.slice(packageName.length + 1);
  try {
    const packageJson = createRequire(join(dir, 'fonts.json')).resolve(`${packageName}/package.json`);
    return join(packageJson, '..', rest);
  } catch {
    // Not installed: the caller reports the path it looked for, with the fix.
    return join(dir, 'node_modules', packageName, rest);
  }
}

/** A path as the operator knows it: relative to the working directory when inside it (`fonts/X.ttf`). */
export function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
