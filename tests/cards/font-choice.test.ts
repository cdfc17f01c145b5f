import satori from 'satori';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEmojiSet, emojiFileNames } from '../../src/cards/fonts/emoji.js';
import { createFontAssets } from '../../src/cards/fonts/font-assets.js';
import {
  cjkLocaleFor,
  type FontCatalog,
  fontFor,
  isTextSymbol,
  SATORI_LOCALES,
  satoriLangFor,
} from '../../src/cards/fonts/font-catalog.js';
import { type LoadedFonts, loadFonts } from '../../src/cards/index.js';
import { FONTS_DIR } from './card-fixtures.js';

describe('font choice by language and script (no satori)', () => {
  it('picks the regional CJK forms from the language, then from the text', () => {
    const cases: [string | undefined, string, string][] = [
      ['zh', '中文', 'zh-CN'],
      ['zh-Hans', '中文', 'zh-CN'],
      ['zh-CN', '中文', 'zh-CN'],
      ['zh-SG', '中文', 'zh-CN'],
      ['zh-Hant', '中文', 'zh-TW'],
      ['zh-TW', '中文', 'zh-TW'],
      ['zh-Hant-TW', '中文', 'zh-TW'],
      ['zh-HK', '中文', 'zh-HK'],
      ['zh-Hant-HK', '中文', 'zh-HK'],
      ['zh-MO', '中文', 'zh-HK'],
      ['yue', '中文', 'zh-HK'],
      ['ja', '日本', 'ja-JP'],
      ['ja-JP', '日本', 'ja-JP'],
      ['ko', '韓國', 'ko-KR'],
      [undefined, '日本銀行が発表', 'ja-JP'],
      [undefined, '서울 美 北', 'ko-KR'],
      [undefined, '国务院发布', 'zh-CN'],
      ['en', 'Xi Jinping 习近平 visits', 'zh-CN'],
      // Full-width punctuation is shared by all regions and says nothing about Japanese.
      [undefined, '行政院「通過」。', 'zh-CN'],
    ];
    for (const [language, text, expected] of cases)
      expect(cjkLocaleFor(language, text), `${language} ${text}`).toBe(expected);
  });

  it('answers each satori request with the fonts registered for it', () => {
    const catalog: FontCatalog = {
      emojiDir: undefined,
      fallbacks: ['ar-AR', 'he-IL', 'zh-CN', 'zh-TW', 'zh-HK', 'ja-JP', 'ko-KR', 'symbol'].map((lang) => ({
        name: lang,
        family: lang,
        lang: lang as (typeof SATORI_LOCALES)[number],
        also: lang === 'symbol' ? ['math', 'unknown'] : [],
        faces: [],
      })),
    };
    const names = (code: string, cjk: Parameters<typeof fontFor>[2]) => fontFor(catalog, code, cjk).map((f) => f.name);
    expect(names('ar-AR', 'zh-CN')).toEqual(['ar-AR']);
    expect(names('ja-JP|zh-CN|zh-TW|zh-HK', 'zh-TW')).toEqual(['zh-TW']);
    expect(names('zh-HK|ja-JP|zh-CN|zh-TW', 'ko-KR')).toEqual(['ko-KR']);
    expect(names('ja-JP', 'zh-CN')).toEqual(['ja-JP']);
    expect(names('math', 'zh-CN')).toEqual(['symbol']);
    expect(names('te-IN', 'zh-CN')).toEqual([]);
  });

  it('gives the lang of the first character in a lazily loaded script, else the neutral one', () => {
    expect(satoriLangFor('Apple يطلق هاتفاً', 'zh-CN')).toBe('ar-AR');
    expect(satoriLangFor('שלום', 'zh-CN')).toBe('he-IL');
    expect(satoriLangFor('भारत', 'zh-CN')).toBe('devanagari');
    expect(satoriLangFor('東京', 'ja-JP')).toBe('ja-JP');
    expect(satoriLangFor('Fans go wild 🎉', 'zh-CN')).toBe('emoji');
    for (const text of ['ไทย', 'বাংলা', 'தமிழ்', '한국', 'Ελλάδα']) {
      const lang = satoriLangFor(text, 'ko-KR');
      expect(SATORI_LOCALES).toContain(lang);
    }
  });

  it('treats text-default symbols without U+FE0F as text, emoji-presentation ones as pictures', () => {
    for (const symbol of ['♥', '☺', '✔', '↔', '☀']) expect(isTextSymbol(symbol), symbol).toBe(true);
    for (const emoji of ['♥️', '😀', '👍🏽', '#️⃣', '🇺🇸', '👨‍👩‍👧', '☀️']) expect(isTextSymbol(emoji), emoji).toBe(false);
  });

  it('names Twemoji files for sequences, with fallbacks down to the first component', () => {
    expect(emojiFileNames('😀')).toEqual(['1f600.svg']);
    expect(emojiFileNames('❤️')).toEqual(['2764-fe0f.svg', '2764.svg']);
    expect(emojiFileNames('#️⃣')).toEqual(['23-fe0f-20e3.svg', '23-20e3.svg']);
    expect(emojiFileNames('👍🏽')).toEqual(['1f44d-1f3fd.svg', '1f44d.svg']);
    expect(emojiFileNames('👨‍👩‍👧')[0]).toBe('1f468-200d-1f469-200d-1f467.svg');
    expect(emojiFileNames('👨‍👩‍👧').at(-1)).toBe('1f468.svg');
  });
});

describe('bundled emoji set', () => {
  let loaded: LoadedFonts;
  beforeAll(async () => {
    loaded = await loadFonts(FONTS_DIR);
  });

  it('finds ZWJ sequences, skin tones, keycaps, flags and subdivision flags', async () => {
    const find = createEmojiSet(loaded.catalog.emojiDir);
    const picture = async (grapheme: string) => {
      const uri = await find(grapheme);
      expect(uri, grapheme).toMatch(/^data:image\/svg\+xml;base64,/);
      return uri;
    };
    const family = await picture('👨‍👩‍👧');
    expect(family).not.toBe(await picture('👨'));
    expect(await picture('👍🏽')).not.toBe(await picture('👍'));
    await picture('#️⃣');
    await picture('🇺🇸');
    await picture('🏴󠁧󠁢󠁳󠁣󠁴󠁿');
    await picture('❤️‍🔥');
  });

  it('degrades an unknown ZWJ sequence to its first component', async () => {
    const find = createEmojiSet(loaded.catalog.emojiDir);
    // 😀 + ZWJ + 🍕 is no emoji: drawn as 😀.
    expect(await find('😀\u200D🍕')).toBe(await find('😀'));
    expect(await find('\uE000')).toBeUndefined();
  });

  it('draws emoji as colour pictures even after a symbol font is registered', async () => {
    const fonts = loaded.fonts.map((font) => ({ ...font, data: Buffer.from(font.data as Buffer) }));
    const assets = createFontAssets(loaded.catalog);
    const draw = (text: string) =>
      satori(
        {
          type: 'div',
          props: { lang: 'emoji', style: { display: 'flex', fontFamily: 'Noto Sans', fontSize: 40 }, children: text },
        },
        { width: 600, height: 60, fonts, loadAdditionalAsset: assets.loaderFor('zh-CN') },
      );
    // ♥ without U+FE0F is a text symbol: a font glyph, no picture.
    expect(await draw('I ♥ it')).not.toContain('<image');
    expect(assets.registered()).toContain('symbols-2');
    // Noto Sans Symbols 2 has a black-and-white 👍 now registered: the colour picture must still win.
    const svg = await draw('Win 👍🏽 🎉');
    expect(svg.match(/<image/g)?.length).toBe(2);
  });
});
