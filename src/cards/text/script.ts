/**
 * Which script a headline is written in, and which way its paragraph runs, read from the text itself.
 * Pure and table-driven: Unicode Script property escapes (ECMAScript `\p{Script=…}`) do the classification, so the
 * tables follow the Unicode version of the running Node, like `Intl.Segmenter` does.
 */

export type Direction = 'ltr' | 'rtl';

/** ISO 15924 codes (lower case) of the scripts the cards know, with the `\p{Script=…}` that recognises each. */
const SCRIPTS: ReadonlyArray<readonly [code: string, pattern: RegExp]> = [
  ['latn', /\p{Script=Latin}/u],
  ['arab', /\p{Script=Arabic}/u],
  ['hebr', /\p{Script=Hebrew}/u],
  ['deva', /\p{Script=Devanagari}/u],
  ['beng', /\p{Script=Bengali}/u],
  ['taml', /\p{Script=Tamil}/u],
  ['thai', /\p{Script=Thai}/u],
  ['laoo', /\p{Script=Lao}/u],
  ['khmr', /\p{Script=Khmer}/u],
  ['mymr', /\p{Script=Myanmar}/u],
  ['hani', /\p{Script=Han}/u],
  ['hira', /\p{Script=Hiragana}/u],
  ['kana', /\p{Script=Katakana}/u],
  ['hang', /\p{Script=Hangul}/u],
  ['cyrl', /\p{Script=Cyrillic}/u],
  ['grek', /\p{Script=Greek}/u],
  ['armn', /\p{Script=Armenian}/u],
  ['geor', /\p{Script=Georgian}/u],
  ['ethi', /\p{Script=Ethiopic}/u],
  ['gujr', /\p{Script=Gujarati}/u],
  ['guru', /\p{Script=Gurmukhi}/u],
  ['telu', /\p{Script=Telugu}/u],
  ['knda', /\p{Script=Kannada}/u],
  ['mlym', /\p{Script=Malayalam}/u],
  ['sinh', /\p{Script=Sinhala}/u],
  ['syrc', /\p{Script=Syriac}/u],
  ['thaa', /\p{Script=Thaana}/u],
  ['nkoo', /\p{Script=Nko}/u],
];

/** Letters and marks that carry a script; digits, punctuation, symbols and emoji (Common, Inherited) do not count. */
const SCRIPTED = /[\p{L}\p{M}]/u;

/**
 * The dominant script by counting the letters of each script. Kana makes Han text Japanese (`jpan`, ISO 15924's
 * Han + Hiragana + Katakana), Hangul makes it Korean (`kore`); Han alone stays `hani` (Chinese, or Japanese/Korean
 * written in kanji/hanja only: the language decides, see prepareText). Text without letters is `zyyy` (Common).
 */
export function detectScript(text: string): string {
  const counts = new Map<string, number>();
  let last: readonly [string, RegExp] | undefined;
  for (const char of text) {
    if (!SCRIPTED.test(char)) continue;
    // Consecutive letters are usually of one script: try the last one first (keeps this well under a microsecond
    // per character for long headlines).
    const found = last?.[1].test(char) ? last : SCRIPTS.find(([, pattern]) => pattern.test(char));
    if (!found) continue;
    last = found;
    counts.set(found[0], (counts.get(found[0]) ?? 0) + 1);
  }
  const kana = (counts.get('hira') ?? 0) + (counts.get('kana') ?? 0);
  const han = counts.get('hani') ?? 0;
  const hangul = counts.get('hang') ?? 0;
  counts.delete('hira');
  counts.delete('kana');
  counts.delete('hang');
  if (kana > 0) counts.set('jpan', kana + han);
  else if (hangul > 0) counts.set('kore', hangul + han);
  if (kana > 0 || hangul > 0) counts.delete('hani');

  let best = 'zyyy';
  let bestCount = 0;
  for (const [code, count] of counts) {
    if (count > bestCount) {
      best = code;
      bestCount = count;
    }
  }
  return best;
}

/** Scripts written right to left (Unicode Standard §9 "Middle East-I", §13 N'Ko, Thaana). */
export const RTL_SCRIPTS: ReadonlySet<string> = new Set(['arab', 'hebr', 'syrc', 'thaa', 'nkoo']);

// The blocks satori 0.63.2 treats as right-to-left (src/text/bidi.ts, `RTL_TEXT`): text with none of these and an LTR
// paragraph is never reordered by satori, so it needs no marks.
const SATORI_RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u200f\u061c\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

/** Whether the text holds any right-to-left character, so that it needs the bidi pre-pass even in an LTR line. */
export function hasRtlCharacters(text: string): boolean {
  return SATORI_RTL.test(text);
}
