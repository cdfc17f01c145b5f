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
 * subtracted, not added (SVG's y axis points down); letter-spacing is not applied to cursive scripts; glyph origins
 * are rounded to 0.1 px apart from the outline; a hook reports glyph positions. See patches/README.md.
 */
describe('satori patches', () => {
  it('is applied to both builds exactly once', async () => {
    const dist = join(createRequire(import.meta.url).resolve('satori/package.json'), '..', 'dist');
    for (const file of ['index.js', 'index.cjs']) {
      const code = await readFile(join(dist, file), 'utf8');
      expect(code.split('c-Y.dy*b').length - 1, file).toBe(1);
      expect(code.includes('c+Y.dy*b'), file).toBe(false);
      // Glyph origins rounded apart from the outline, and the glyph hook (patches/README.md).
      expect(code.split('E=(o,e)=>(Tg+Tk((o+B*e)*C))/10,Q=o=>(Ti-Tk(o*C))/10').length - 1, file).toBe(1);
      expect(code.split('Gk=globalThis.__satoriGlyphSink,_=Gk?Gk(').length - 1, file).toBe(1);
    }
  });

  it('rounds each glyph origin to 0.1 px: the outline depends on the position only by a shift of whole tenths', async () => {
    const loaded = await loadFonts(FONTS_DIR);
    const element = (letterSpacing: number) => ({
      type: 'div',
      props: {
        style: { display: 'flex', fontFamily: 'Noto Sans', fontWeight: 700, fontSize: 66, letterSpacing },
        children: 'ig',
      },
    });
    const numbers = async (letterSpacing: number) => {
      const svg = await satori(element(letterSpacing), { width: 300, height: 100, fonts: loaded.fonts });
      return /<path[^>]*\sd="([^"]*)"/
        .exec(svg)![1]!
        .match(/-?\d+(\.\d+)?/g)!
        .map(Number);
    };
    // Where the g stands without letter spacing, from the glyph hook (patch change 3).
    const origins: number[] = [];
    const hooks = globalThis as { __satoriGlyphSink?: (glyph: unknown, x: number) => string };
    hooks.__satoriGlyphSink = (_glyph, x) => {
      origins.push(x);
      return '';
    };
    try {
      await satori(element(0), { width: 300, height: 100, fonts: loaded.fonts });
    } finally {
      delete hooks.__satoriGlyphSink;
    }
    expect(origins).toHaveLength(2);
    // Spacings that put the g 0.03 px either side of the same tenth: the same outline (unpatched, every point
    // rounds on its own and many land a tenth apart). One pixel more: the same outline one pixel to the right.
    const tenth = Math.round(origins[1]! * 10) / 10;
    const before = await numbers(tenth - 0.03 - origins[1]!);
    expect(await numbers(tenth + 0.03 - origins[1]!)).toEqual(before);
    const shifted = await numbers(tenth + 0.97 - origins[1]!);
    const gStart = before.findIndex((value, i) => i % 2 === 0 && value !== shifted[i]);
    expect(gStart).toBeGreaterThan(0);
    before.forEach((value, i) => {
      expect(shifted[i]! - value).toBeCloseTo(i >= gStart && i % 2 === 0 ? 1 : 0, 9);
    });
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

describe('satori letter-spacing patch: no letter-spacing in cursive scripts (CSS Text 3 §8.2)', () => {
  let loaded: LoadedFonts;
  beforeAll(async () => {
    loaded = await loadFonts(FONTS_DIR);
  });

  it('is applied to both builds: one helper, used by measure and by getSVG', async () => {
    const dist = join(createRequire(import.meta.url).resolve('satori/package.json'), '..', 'dist');
    for (const file of ['index.js', 'index.cjs']) {
      const code = await readFile(join(dist, file), 'utf8');
      expect(code.split('function __cursiveClusters(').length - 1, file).toBe(1);
      expect(code.split('__cursiveClusters(').length - 1, file).toBe(3);
      expect(code.includes('r+=$k[$b+Y.cl]?0:E'), file).toBe(true);
      // Spaces: letter-spaced whatever surrounds them, and drawn in the first font of the list that has them.
      expect(code.split('if(/\\s/.test(h))f[i]=0;').length - 1, file).toBe(1);
      expect(code.includes('E!==null&&E.charToGlyphIndex(Q)?i=E:i=g(Q)'), file).toBe(false);
    }
  });

  /** Each piece satori draws for `text` (one `<text>` per word segment without embedded fonts) and its width. */
  async function pieceWidths(text: string, letterSpacing: number, lang: string): Promise<Map<string, number>> {
    const svg = await satori(
      {
        type: 'div',
        props: {
          lang,
          style: { display: 'flex', fontFamily: 'Noto Sans', fontSize: 100, letterSpacing },
          children: text,
        },
      },
      {
        width: 2400,
        height: 200,
        fonts: loaded.fonts,
        embedFont: false,
        loadAdditionalAsset: createFontAssets(loaded.catalog).loaderFor('zh-CN'),
      },
    );
    const widths = new Map<string, number>();
    for (const [, width, content] of svg.matchAll(/<text\b[^>]*\swidth="([^"]*)"[^>]*>([^<]*)<\/text>/g)) {
      if (content!.trim()) widths.set(content!.trim(), Number(width));
    }
    return widths;
  }

  it('spaces Latin letters and leaves Arabic ones, in one line, as Chromium does', async () => {
    const text = 'Salman (محمد) meets';
    const plain = await pieceWidths(text, 0, 'ar-AR');
    const spaced = await pieceWidths(text, -2, 'ar-AR');
    // Six Latin letters, six clusters narrower; the Arabic word, joined letters, exactly as wide.
    expect(spaced.get('Salman')).toBeCloseTo(plain.get('Salman')! - 12, 1);
    expect(spaced.get('meets')).toBeCloseTo(plain.get('meets')! - 10, 1);
    expect(plain.get('محمد')).toBeGreaterThan(50);
    expect(spaced.get('محمد')).toBeCloseTo(plain.get('محمد')!, 2);
  });

  it('draws a space between Arabic words as Chromium does: in Noto Sans, letter-spaced', async () => {
    // The gap between two Arabic words is the space's advance: Noto Sans's 0.26 em (not Noto Naskh Arabic's
    // 0.22 em, the font of the word before it), less the letter-spacing.
    const gap = async (letterSpacing: number) => {
      const svg = await satori(
        {
          type: 'div',
          props: {
            lang: 'ar-AR',
            style: { display: 'flex', fontFamily: 'Noto Sans', fontSize: 100, letterSpacing, direction: 'rtl' },
            children: 'وزارة التعليم',
          },
        },
        {
          width: 1200,
          height: 200,
          fonts: loaded.fonts,
          embedFont: false,
          loadAdditionalAsset: createFontAssets(loaded.catalog).loaderFor('zh-CN'),
        },
      );
      const boxes = [...svg.matchAll(/<text\b[^>]*\sx="([^"]*)"[^>]*\swidth="([^"]*)"[^>]*>([^<]*)<\/text>/g)]
        .filter(([, , , text]) => text!.trim())
        .map(([, x, width]) => ({ left: Number(x), right: Number(x) + Number(width) }))
        .sort((a, b) => a.left - b.left);
      expect(boxes).toHaveLength(2);
      return boxes[1]!.left - boxes[0]!.right;
    };
    expect(await gap(0)).toBeCloseTo(26, 0);
    expect(await gap(-2)).toBeCloseTo(24, 0);
  });

  it('digits and punctuation join the script before them, or the locale’s when alone', async () => {
    const arabic = await pieceWidths('الأهلي 89 يفوز', -2, 'ar-AR');
    const arabicPlain = await pieceWidths('الأهلي 89 يفوز', 0, 'ar-AR');
    expect(arabic.get('89')).toBeCloseTo(arabicPlain.get('89')!, 2);
    const latin = await pieceWidths('Score 89 today', -2, 'emoji');
    const latinPlain = await pieceWidths('Score 89 today', 0, 'emoji');
    expect(latin.get('89')).toBeCloseTo(latinPlain.get('89')! - 4, 1);
  });
});
