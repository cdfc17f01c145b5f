import { boundedMemo } from '../../articles/record/bounded-memo.js';
import type { Direction } from './script.js';
import { RTL_SCRIPTS } from './script.js';

/**
 * BCP 47 (RFC 5646) tag in its canonical case (`en-us` → `en-US`, `iw` → `he`), or undefined when `tag` is not a
 * well-formed language tag. ICU (Node's full-icu) does the parsing: `Intl.getCanonicalLocales` throws a RangeError on
 * anything that is not a Unicode BCP 47 locale identifier (`zh_TW`, `english`, `x`).
 */
export function canonicalLanguage(tag: string | undefined): string | undefined {
  return tag ? (canonical(tag) ?? undefined) : undefined;
}

// Asked for every card's version and key (a few times per card), and ICU's parse is the slowest part of that: ~0.1 ms.
const canonical = boundedMemo((tag: string): string | null => {
  try {
    return Intl.getCanonicalLocales(tag.trim())[0] ?? null;
  } catch {
    // Not a language tag: the caller detects the language from the text instead (the HTTP edge rejects it earlier).
    return null;
  }
}, 256);

/** Whether `tag` is a well-formed BCP 47 language tag (for validating `lang`/`language` at the edges). */
export function isLanguageTag(tag: string): boolean {
  return tag.length <= 64 && /^[A-Za-z0-9-]+$/.test(tag) && canonicalLanguage(tag) !== undefined;
}

/**
 * The script a language is usually written in, ISO 15924 in lower case, from CLDR's likely subtags
 * (`Intl.Locale#maximize`): `fa` → `arab`, `zh-TW` → `hant`, `ja` → `jpan`, `sr-Latn` → `latn`.
 */
export function languageScript(language: string): string | undefined {
  try {
    return new Intl.Locale(language).maximize().script?.toLowerCase();
  } catch {
    return undefined;
  }
}

/** The direction a language is written in, or undefined when its script is unknown. */
export function languageDirection(language: string): Direction | undefined {
  const script = languageScript(language);
  if (!script) return undefined;
  return RTL_SCRIPTS.has(script) || EXTRA_RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
}

// Other right-to-left scripts CLDR may name as a language's likely script (ISO 15924).
const EXTRA_RTL_SCRIPTS = new Set(['adlm', 'rohg', 'mand', 'samr', 'mend', 'yezi', 'hung', 'syrc', 'thaa', 'nkoo']);

// The usual language of each script, for text given without one. Chinese is decided by the characters (see below).
const SCRIPT_LANGUAGE: Readonly<Record<string, string>> = {
  latn: 'en',
  arab: 'ar',
  hebr: 'he',
  deva: 'hi',
  beng: 'bn',
  taml: 'ta',
  thai: 'th',
  laoo: 'lo',
  khmr: 'km',
  mymr: 'my',
  jpan: 'ja',
  kore: 'ko',
  cyrl: 'ru',
  grek: 'el',
  armn: 'hy',
  geor: 'ka',
  ethi: 'am',
  gujr: 'gu',
  guru: 'pa',
  telu: 'te',
  knda: 'kn',
  mlym: 'ml',
  sinh: 'si',
  syrc: 'syr',
  thaa: 'dv',
  nkoo: 'nqo',
};

// Letters Persian and Urdu add to the Arabic alphabet. Urdu uses the Persian ones too, so it is checked first.
const URDU_LETTERS = /[\u0679\u0688\u0691\u06ba\u06be\u06c1\u06c3\u06d2]/; // ٹ ڈ ڑ ں ھ ہ ۃ ے
const PERSIAN_LETTERS = /[\u067e\u0686\u0698\u06a9\u06af\u06cc]/; // پ چ ژ ک گ ی
// ơ ư đ ă Ơ Ư Đ Ă and the Latin Extended Additional letters with two diacritics that only Vietnamese uses
// (U+1EA0–U+1EF9), escaped like the lines above so the CLI bundle stays ASCII (scripts/bundle-cli.mjs).
const VIETNAMESE_LETTERS = /[\u01a1\u01b0\u0111\u0103\u01a0\u01af\u0110\u0102\u1ea0-\u1ef9]/;

// Frequent characters that differ between Simplified and Traditional Chinese (the same words, one form each).
const SIMPLIFIED = new Set(
  '这国说为会时们来对发经与门东华长开关业实学现动气点进过还总两从电问见车个么书买卖铁银钱网亿万',
);
const TRADITIONAL = new Set(
  '這國說為會時們來對發經與門東華長開關業實學現動氣點進過還總兩從電問見車個麼書買賣鐵銀錢網億萬',
);

/**
 * The language of a text given without one, from its dominant script: Arabic letters say `ar`, `fa` or `ur` by the
 * letters Persian and Urdu add; Latin says `vi` with Vietnamese-only letters, else `en`; Han alone says `zh-Hant` when
 * Traditional-only forms outnumber Simplified-only ones, else `zh-Hans` (the stated default: mainland usage is the
 * larger readership); text without letters is `und` (undetermined, BCP 47).
 */
export function detectLanguage(text: string, script: string): string {
  switch (script) {
    case 'arab':
      if (URDU_LETTERS.test(text)) return 'ur';
      if (PERSIAN_LETTERS.test(text)) return 'fa';
      return 'ar';
    case 'latn':
      return VIETNAMESE_LETTERS.test(text) ? 'vi' : 'en';
    case 'hani': {
      let simplified = 0;
      let traditional = 0;
      for (const char of text) {
        if (SIMPLIFIED.has(char)) simplified++;
        else if (TRADITIONAL.has(char)) traditional++;
      }
      return traditional > simplified ? 'zh-Hant' : 'zh-Hans';
    }
    default:
      return SCRIPT_LANGUAGE[script] ?? 'und';
  }
}
