import satori, { type Font } from 'satori';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFontAssets } from '../../src/cards/fonts/font-assets.js';
import { type CjkLocale, cjkLocaleFor, satoriLangFor } from '../../src/cards/fonts/font-catalog.js';
import { type LoadedFonts, loadFonts } from '../../src/cards/index.js';
import { FONTS_DIR } from './card-fixtures.js';
import { fontCodePoints } from './font-cmap.js';

/**
 * Every script of issue 7 is drawn with real glyphs from the bundled fonts, through the same lazy loader the render
 * workers use: each character's outline is compared with the .notdef outline of every font in the chain.
 */
const SAMPLES: Record<string, { text: string; language: string }> = {
  arabic: { text: 'ارتفاع أسعار النفط بعد قرار أوبك خفض الإنتاج في قطر دولاراً', language: 'ar' },
  persian: { text: 'بانک مرکزی ایران نرخ بهره را به ۲۳ درصد افزایش داد گ چ پ ژ', language: 'fa' },
  urdu: { text: 'پاکستان میں مہنگائی کی شرح ۲۹ فیصد تک پہنچ گئی ٹ ڈ ڑ ں ے', language: 'ur' },
  hebrew: { text: 'הבנק המרכזי העלה את הריבית לאחר דיון ארוך שָׁלוֹם', language: 'he' },
  hindi: { text: 'दिल्ली में भारी बारिश से यातायात ठप, स्कूल बंद। क्ष त्र ज्ञ', language: 'hi' },
  marathi: { text: 'मुंबईत मुसळधार पाऊस, लोकल सेवा विस्कळीत ळ', language: 'mr' },
  nepali: { text: 'काठमाडौंमा भारी वर्षा, जनजीवन प्रभावित', language: 'ne' },
  bengali: { text: 'ঢাকায় বৃষ্টিতে জলাবদ্ধতা, যানজটে নাকাল নগরবাসী। ৎ', language: 'bn' },
  tamil: { text: 'சென்னையில் கனமழை: பள்ளிகளுக்கு இன்று விடுமுறை', language: 'ta' },
  thai: { text: 'รัฐบาลประกาศมาตรการกระตุ้นเศรษฐกิจใหม่เพื่อช่วยเหลือประชาชน', language: 'th' },
  'chinese-simplified': { text: '国务院发布新政策支持民营经济发展，关于骨、直、角的说明。', language: 'zh-Hans' },
  'chinese-traditional': { text: '行政院通過新預算案，立法院將於下週審議「國防」經費。', language: 'zh-Hant' },
  'chinese-hong-kong': { text: '香港特區政府公布新一份施政報告，啱、嘅、咗、冇、佢。', language: 'zh-HK' },
  japanese: { text: '日本銀行が金融政策の変更を発表、円相場は一時１５０円台に。ヴァ', language: 'ja' },
  korean: { text: '서울시, 내년부터 대중교통 요금 인상 발표… 똠방각하 美 北', language: 'ko' },
  vietnamese: { text: 'Thủ tướng yêu cầu đẩy nhanh tiến độ các dự án giao thông trọng điểm', language: 'vi' },
  greek: { text: 'Η κυβέρνηση ανακοίνωσε νέα μέτρα για την ακρίβεια ΆΈΉΊΌΎΏ', language: 'el' },
  russian: { text: 'Правительство объявило о новых мерах поддержки экономики Ёё', language: 'ru' },
  symbols: { text: '♥ ✔ ↔ ★ ☺', language: 'en' },
};

/** Every font the chain can draw with, loaded eagerly for the .notdef outlines. */
async function allFonts(loaded: LoadedFonts): Promise<Font[]> {
  const { readFile } = await import('node:fs/promises');
  const fallbacks = await Promise.all(
    loaded.catalog.fallbacks.flatMap((font) =>
      font.faces.map(async (face) => ({ name: font.family, data: await readFile(face.path), weight: face.weight })),
    ),
  );
  return [...loaded.fonts, ...fallbacks];
}

function freshCopy(fonts: Font[]): Font[] {
  return fonts.map((font) => ({ ...font, data: Buffer.from(font.data as Buffer) }));
}

/** The code points of the base fonts and of the named fallbacks. */
async function chainCoverage(names: string[], loaded: LoadedFonts): Promise<Set<number>> {
  const { readFile } = await import('node:fs/promises');
  const files = [
    ...loaded.files,
    ...loaded.catalog.fallbacks
      .filter((font) => names.includes(font.name))
      .flatMap((font) => font.faces.map((face) => face.path)),
  ];
  const covered = new Set<number>();
  for (const file of files) for (const point of fontCodePoints(await readFile(file))) covered.add(point);
  return covered;
}

function paths(svg: string): string {
  return [...svg.matchAll(/<path[^>]*\sd="([^"]*)"/g)].map((match) => match[1]).join(' ');
}

describe('world scripts on cards', () => {
  let loaded: LoadedFonts;
  const notdefs = new Set<string>();

  beforeAll(async () => {
    loaded = await loadFonts(FONTS_DIR);
    // U+E000 (private use) is in none of the fonts: each font alone draws its .notdef box for it.
    for (const font of await allFonts(loaded)) {
      const svg = await satori(
        { type: 'div', props: { style: { display: 'flex', fontFamily: font.name, fontSize: 40 }, children: '\uE000' } },
        { width: 100, height: 60, fonts: [font] },
      );
      notdefs.add(paths(svg));
    }
  }, 120_000);

  for (const [script, { text, language }] of Object.entries(SAMPLES)) {
    it(`${script}: every character is a real glyph, loaded lazily`, async () => {
      // Fresh font buffers and loader per script, as in a new worker: satori shares its font engine between arrays
      // holding the same Buffers, so copies keep earlier cases' fonts from counting here.
      const fonts = freshCopy(loaded.fonts);
      const assets = createFontAssets(loaded.catalog);
      const cjk: CjkLocale = cjkLocaleFor(language, text);
      const lang = satoriLangFor(text, cjk);
      const load = assets.loaderFor(cjk);
      const missing: string[] = [];
      // Combining marks are never looked up on their own (satori asks fonts only for base characters): a mark is
      // checked below by the cmap of the fonts its script loaded.
      const marks = [...new Set(text)].filter((char) => /\p{M}/u.test(char));
      for (const char of new Set(text.replace(/[\s\p{M}]/gu, ''))) {
        const svg = await satori(
          {
            type: 'div',
            props: {
              lang,
              style: { display: 'flex', fontFamily: 'Noto Sans', fontWeight: 700, fontSize: 40 },
              children: char,
            },
          },
          { width: 100, height: 60, fonts, loadAdditionalAsset: load },
        );
        const drawn = paths(svg);
        if (drawn.trim() === '' || notdefs.has(drawn)) missing.push(char);
      }
      const covered = await chainCoverage(assets.registered(), loaded);
      for (const mark of marks) if (!covered.has(mark.codePointAt(0)!)) missing.push(mark);
      expect(missing).toEqual([]);
      if (!['vietnamese', 'greek', 'russian'].includes(script)) expect(assets.registered().length).toBeGreaterThan(0);
      else expect(assets.registered()).toEqual([]);
    }, 60_000);
  }

  it('the check can fail: Malayalam has no bundled font and comes out as .notdef', async () => {
    const fonts = freshCopy(loaded.fonts);
    const load = createFontAssets(loaded.catalog).loaderFor('zh-CN');
    const svg = await satori(
      { type: 'div', props: { style: { display: 'flex', fontFamily: 'Noto Sans', fontSize: 40 }, children: 'മ' } },
      { width: 100, height: 60, fonts, loadAdditionalAsset: load },
    );
    const drawn = paths(svg);
    expect(drawn.trim() === '' || notdefs.has(drawn)).toBe(true);
  });

  it('draws the same Han character in each region’s own forms', async () => {
    const outlines = new Map<CjkLocale, string>();
    const fonts = freshCopy(loaded.fonts);
    const assets = createFontAssets(loaded.catalog);
    for (const region of ['zh-CN', 'zh-TW', 'zh-HK', 'ja-JP', 'ko-KR'] as const) {
      const svg = await satori(
        {
          type: 'div',
          props: {
            lang: region,
            style: { display: 'flex', fontFamily: 'Noto Sans', fontWeight: 700, fontSize: 40 },
            children: '骨',
          },
        },
        // One array for all five, as in a worker that has drawn cards in every region.
        { width: 100, height: 60, fonts, loadAdditionalAsset: assets.loaderFor(region) },
      );
      outlines.set(region, paths(svg));
    }
    // 骨 has a different inner stroke in the Chinese mainland form than in the Taiwan and Japanese forms.
    expect(outlines.get('zh-CN')).not.toBe(outlines.get('zh-TW'));
    expect(outlines.get('zh-CN')).not.toBe(outlines.get('ja-JP'));
    expect(new Set(outlines.values()).size).toBeGreaterThanOrEqual(3);
    expect(assets.registered().sort()).toEqual(
      ['chinese-hong-kong', 'chinese-simplified', 'chinese-traditional', 'japanese', 'korean'].sort(),
    );
  }, 60_000);
});
