import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import sharp from 'sharp';

/** Goldens are kept at half size: enough to catch a moved word, a lost mark or a box for a glyph, and small to commit. */
export const GOLDEN_SIZE = { width: 600, height: 315 };
/** Share of pixels that may differ (anti-aliasing, encoder or libvips updates) before a card counts as changed. */
export const MAX_DIFF_RATIO = 0.005;
/** UPDATE_GOLDEN=1 rewrites the goldens: look at every one you rewrite before committing it. */
export const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1';

/** A card (PNG or JPEG, 1200×630) as the golden-size RGBA image pixelmatch compares. */
export async function toGoldenPng(bytes: Buffer): Promise<PNG> {
  const { data, info } = await sharp(bytes)
    .resize(GOLDEN_SIZE.width, GOLDEN_SIZE.height)
    .removeAlpha()
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const png = new PNG({ width: info.width, height: info.height });
  data.copy(png.data);
  return png;
}

/** Share of pixels of `actual` that differ from `golden` beyond pixelmatch's anti-aliasing-aware threshold. */
export function diffRatio(golden: PNG, actual: PNG): number {
  const { width, height } = GOLDEN_SIZE;
  return pixelmatch(golden.data, actual.data, undefined, width, height, { threshold: 0.1 }) / (width * height);
}

/**
 * Reads the golden at `path` (writing `actual` there first under UPDATE_GOLDEN=1) and returns the share of pixels
 * that differ. A missing golden is an error, not a silent pass: it names the command that writes it.
 */
export function compareWithGolden(path: string, actual: PNG): number {
  if (UPDATE_GOLDEN) writeFileSync(path, PNG.sync.write(actual, { colorType: 2, deflateLevel: 9 }));
  if (!existsSync(path)) throw new Error(`no golden image ${path}: run with UPDATE_GOLDEN=1 and look at it`);
  const golden = PNG.sync.read(readFileSync(path));
  if (golden.width !== GOLDEN_SIZE.width || golden.height !== GOLDEN_SIZE.height) {
    throw new Error(
      `golden ${path} is ${golden.width}×${golden.height}, expected ${GOLDEN_SIZE.width}×${GOLDEN_SIZE.height}`,
    );
  }
  return diffRatio(golden, actual);
}
