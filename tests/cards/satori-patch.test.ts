import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import satori from 'satori';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFontAssets } from '../../src/cards/fonts/font-assets.js';
import { type LoadedFonts, loadFonts } from '../../src/cards/index.js';
import { FONTS_DIR } from './card-fixtures.js';

/**
 * patches/satori+0.63.2.patch (applied by patch-package on `npm install`): HarfBuzz's vertical glyph offsets are
 * subtracted, not added (SVG's y axis points down). See patches/README.md.
 */
describe('satori mark-offset patch', () => {
  it('is applied to both builds exactly once', async () => {
    const dist = join(createRequire(import.meta.url).resolve('satori/package.json'), '..', 'dist');
    for (const file of ['index.js', 'index.cjs']) {
      const code = await readFile(join(dist, file), 'utf8');
      expect(code.split('c-Y.dy*b').length - 1, file).toBe(1);
      expect(code.includes('c+Y.dy*b'), file).toBe(false);
    }
  });

  describe('Arabic marks sit on their letters', () => {
    let loaded: LoadedFonts;
    beforeAll(async () => {
      loaded = await loadFonts(FONTS_DIR);
    });

    /** Vertical extent of the ink satori draws for `text` (all outline coordinates of its paths). */
    async function inkRows(text: string): Promise<{ top: number; bottom: number }> {
      const svg = await satori(
        {
          type: 'div',
          props: { lang: 'ar-AR', style: { display: 'flex', fontFamily: 'Noto Sans', fontSize: 100 }, children: text },
        },
        {
          width: 400,
          height: 300,
          fonts: loaded.fonts,
          loadAdditionalAsset: createFontAssets(loaded.catalog).loaderFor('zh-CN'),
        },
      );
      const ys: number[] = [];
      for (const [, d] of svg.matchAll(/<path[^>]*\sd="([^"]*)"/g)) {
        const numbers = d!.match(/-?\d+(\.\d+)?/g)!.map(Number);
        for (let i = 1; i < numbers.length; i += 2) ys.push(numbers[i]!);
      }
      return { top: Math.min(...ys), bottom: Math.max(...ys) };
    }

    it('a fatha is above its beh and a kasra below it, close to the letter', async () => {
      const beh = await inkRows('ب');
      const fatha = await inkRows('بَ');
      const kasra = await inkRows('بِ');
      // With the sign wrong, HarfBuzz's upward offset moves the fatha down into or under the letter, and the
      // kasra's downward offset moves it up into it.
      expect(fatha.top).toBeLessThan(beh.top - 5);
      expect(fatha.bottom).toBeLessThanOrEqual(beh.bottom + 1);
      expect(kasra.bottom).toBeGreaterThan(beh.bottom + 5);
      expect(kasra.top).toBeGreaterThanOrEqual(beh.top - 1);
      // Close: within a third of an em of the letter.
      expect(beh.top - fatha.top).toBeLessThan(35);
      expect(kasra.bottom - beh.bottom).toBeLessThan(35);
    });
  });
});
