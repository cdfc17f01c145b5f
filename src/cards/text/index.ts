import { insertBidiMarks } from './bidi-marks.js';
import { canonicalLanguage, detectLanguage, languageDirection, languageScript } from './language.js';
import { insertWordBreaks } from './line-breaks.js';
import { japanesePhrases } from './phrases.js';
import { type Direction, detectScript } from './script.js';
import { firstStrongDirection, hasStrongOf } from './uba.js';

export { isLanguageTag, languageDirection } from './language.js';
export type { Direction } from './script.js';

/** A headline made ready for satori: what to draw, and how to lay it out. */
export interface PreparedText {
  /** What satori gets: bidi marks (LRM/RLM) and U+200B break opportunities inserted. Never for tags or alt text. */
  text: string;
  /** Paragraph direction. */
  direction: Direction;
  /** BCP 47: the given language (canonical case), or one detected from the text ('ar', 'he', 'th', 'zh-Hant', …). */
  language: string;
  /** Dominant script, ISO 15924 lower case: 'latn', 'arab', 'hebr', 'deva', 'hani', 'jpan', 'kore', …; 'zyyy' if none. */
  script: string;
  /** Korean keeps words whole and breaks at spaces, as `word-break: keep-all` in a browser. */
  wordBreak: 'normal' | 'keep-all';
  /** Japanese only: phrase chunks to lay out as flex items (their concatenation is `text`). */
  phrases?: string[];
}

/**
 * Prepares a headline (or any card text) for satori: decides its direction, language and script, inserts the bidi
 * marks that make satori's order match the Unicode Bidirectional Algorithm, and the line-break opportunities satori
 * cannot find itself. Pure; well under a millisecond for a headline.
 *
 * - `language` given (BCP 47): it is the language, and its usual script's direction is the paragraph direction,
 *   unless the text has no strong character of that direction at all (a record tagged `ar` whose headline is all
 *   English is laid out as English text would be). Han-only text takes its script from the language (`ja` → `jpan`).
 * - No language, or not a language tag: the direction is the first strong character's (UAX #9 P2/P3, LTR without
 *   any), the script the most frequent one, the language the usual one of that script (see detectLanguage).
 */
export function prepareText(text: string, language?: string): PreparedText {
  const given = canonicalLanguage(language);
  let script = detectScript(text);
  if (given && (script === 'hani' || script === 'zyyy')) {
    const usual = languageScript(given);
    if (usual === 'jpan' || usual === 'kore') script = usual;
    else if (usual === 'hans' || usual === 'hant') script = 'hani';
    else if (script === 'zyyy' && usual) script = usual;
  }
  const resolvedLanguage = given ?? detectLanguage(text, script);

  const stated = given ? languageDirection(given) : undefined;
  const direction = stated && hasStrongOf(text, stated) ? stated : firstStrongDirection(text, stated ?? 'ltr');

  const broken = insertWordBreaks(text, resolvedLanguage);
  const prepared: PreparedText = {
    text: insertBidiMarks(broken, direction),
    direction,
    language: resolvedLanguage,
    script,
    wordBreak: script === 'kore' || primaryLanguage(resolvedLanguage) === 'ko' ? 'keep-all' : 'normal',
  };
  // Phrases for Japanese text (kana, or kanji given as `ja`); a Japanese-tagged record with an English headline has
  // no Japanese to chunk.
  if (script === 'jpan') prepared.phrases = japanesePhrases(prepared.text);
  return prepared;
}

function primaryLanguage(tag: string): string {
  return tag.split('-')[0]!.toLowerCase();
}
