import type { FontWeight } from 'satori';

/**
 * The fonts a card may need beyond the base Latin/Greek/Cyrillic family, and which one answers each of satori's
 * requests. satori asks `loadAdditionalAsset(code, text)` for text its fonts cannot draw, with `code` one of its
 * locale codes (`ar-AR`, `he-IL`, `devanagari`, `th-TH`, …), `emoji`, `symbol`, `math` or `unknown`, and for Han
 * text a `|`-joined list (`ja-JP|zh-CN|zh-TW|zh-HK`, the element's own `lang` first): see `_a`/`Zu` in
 * node_modules/satori/dist/index.js (0.63.2). Pure: no file is read here.
 */

/** satori 0.63.2's locale codes (its `dE` list): a font's `lang` and an element's `lang` must be one of these. */
export const SATORI_LOCALES = [
  'ja-JP',
  'ko-KR',
  'zh-CN',
  'zh-TW',
  'zh-HK',
  'th-TH',
  'bn-IN',
  'ar-AR',
  'ta-IN',
  'ml-IN',
  'he-IL',
  'te-IN',
  'devanagari',
  'kannada',
  'emoji',
  'symbol',
  'math',
] as const;
export type SatoriLocale = (typeof SATORI_LOCALES)[number];

/** The five regional CJK fonts: the same code point is drawn differently in each (DEPENDENCY-NOTES, locl). */
export type CjkLocale = 'zh-CN' | 'zh-TW' | 'zh-HK' | 'ja-JP' | 'ko-KR';

interface FallbackFace {
  /** Absolute path of the font file (resolved from the manifest at start-up). */
  path: string;
  weight: FontWeight;
  bytes: number;
}

export interface FallbackFont {
  /** The manifest's name for it (`arabic`, `japanese`, …). */
  name: string;
  family: string;
  /** Registered with satori as the font's `lang`, and the request code it answers. */
  lang: SatoriLocale;
  /** Further request codes it answers (`math`, `unknown` for the symbol fonts). */
  also: string[];
  faces: FallbackFace[];
}

/** Everything a render worker needs to find fonts and emoji lazily: paths only, read on first use. */
export interface FontCatalog {
  fallbacks: FallbackFont[];
  /** Directory of the emoji SVGs (Twemoji file names: code points in hex joined by `-`), if any. */
  emojiDir: string | undefined;
}

export const EMPTY_CATALOG: FontCatalog = { fallbacks: [], emojiDir: undefined };

/**
 * The regional CJK font for a card: by its language when it names one (BCP 47, case-insensitive), else from the
 * text itself (kana → Japanese, Hangul → Korean), else Simplified Chinese, the most widely read Han orthography.
 * zh-Hant without a region is Taiwan's forms; Hong Kong and Macau (and Cantonese) take the HK forms.
 */
export function cjkLocaleFor(language: string | undefined, text: string): CjkLocale {
  const tag = (language ?? '').toLowerCase();
  if (/^ja\b/.test(tag)) return 'ja-JP';
  if (/^ko\b/.test(tag)) return 'ko-KR';
  if (/^(yue|zh(-hant)?-(hk|mo))\b/.test(tag)) return 'zh-HK';
  if (/^zh-(hant|tw)\b/.test(tag)) return 'zh-TW';
  if (/^zh\b/.test(tag)) return 'zh-CN';
  // Script, not Script_Extensions: the CJK punctuation 「」。、 that every region uses lists Hiragana and Hangul too.
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text)) return 'ja-JP';
  if (/\p{Script=Hangul}/u.test(text)) return 'ko-KR';
  return 'zh-CN';
}

const HAN_CODES: ReadonlySet<string> = new Set(['ja-JP', 'zh-CN', 'zh-TW', 'zh-HK']);

/**
 * The fallback fonts that answer one satori request. Han text (`ja-JP|zh-CN|zh-TW|zh-HK`, in any order) gets the
 * card's regional font, never the first of satori's list; kana alone (`ja-JP`) the Japanese font; every other code
 * the fonts registered for it. Empty when nothing bundled can draw it (Malayalam, Telugu, Kannada: not bundled).
 */
export function fontFor(catalog: FontCatalog, code: string, cjk: CjkLocale): FallbackFont[] {
  const codes = code.split('|');
  const wanted = codes.length > 1 && codes.every((c) => HAN_CODES.has(c)) ? cjk : code;
  return catalog.fallbacks.filter((font) => font.lang === wanted || font.also.includes(wanted));
}

/**
 * Whether an `emoji` request is really a text-default symbol (↔ ☺ ♥ ✔ without U+FE0F): Chromium draws those with a
 * text font, not as a colour picture (TYPOGRAPHY-NOTES, "Fonts, lazily"). Keycaps and ZWJ sequences carry U+FE0F or
 * an Emoji_Presentation character and stay pictures.
 */
export function isTextSymbol(grapheme: string): boolean {
  return !grapheme.includes('\uFE0F') && !/\p{Emoji_Presentation}/u.test(grapheme);
}

/** Scripts whose fonts are lazily loaded, by the satori locale they are registered under. */
const SCRIPT_LOCALES: [RegExp, SatoriLocale][] = [
  [/\p{scx=Arabic}/u, 'ar-AR'],
  [/\p{scx=Hebrew}/u, 'he-IL'],
  [/\p{scx=Devanagari}/u, 'devanagari'],
  [/\p{scx=Bengali}/u, 'bn-IN'],
  [/\p{scx=Tamil}/u, 'ta-IN'],
  [/\p{scx=Thai}/u, 'th-TH'],
];

/**
 * The `lang` of elements whose text the base font draws (Latin, Greek, Cyrillic). Without a `lang` satori counts
 * every registered font when it decides what its fonts can draw, and once Noto Sans Symbols 2 is registered (for a
 * ♥ on some earlier card) it draws 👍🏽 as a black-and-white 👍 and a box instead of asking for the colour picture.
 * With a `lang`, fonts registered under another locale still draw but no longer hide emoji; `emoji` is a satori
 * code no font is registered under, and a valid locale for `toLocaleUpperCase`.
 */
export const BASE_LANG: SatoriLocale = 'emoji';

/**
 * satori's `lang` for an element holding `text`: the locale of its first character in a lazily loaded script, so
 * that script's font comes before any other registered font that also has the character (a Bengali danda drawn
 * with the Bengali font even when a Devanagari card loaded its font first). Han, kana and Hangul take the card's
 * regional CJK locale; anything else BASE_LANG.
 */
export function satoriLangFor(text: string, cjk: CjkLocale): SatoriLocale {
  for (const char of text) {
    if (/[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]/u.test(char)) return cjk;
    for (const [pattern, locale] of SCRIPT_LOCALES) if (pattern.test(char)) return locale;
  }
  return BASE_LANG;
}
