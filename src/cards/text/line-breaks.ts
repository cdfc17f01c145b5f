const ZWSP = '\u200b';

/**
 * Thai, Lao, Khmer and Myanmar are written without spaces between words, and UAX #14 leaves their break
 * opportunities to a dictionary (line-break class SA). satori has none, so a space-less line would overflow
 * (TYPOGRAPHY-NOTES.md). ICU has the dictionaries: its word segmenter finds the words, and a ZERO WIDTH SPACE between
 * two words of these scripts gives satori the break opportunity a browser would take (U+200B is class ZW, "a break
 * is allowed after it", and has no width).
 */
const SA = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const SA_START = /^[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const SA_END = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]$/u;
// Thai MAIYAMOK (ๆ) and PAIYANNOI (ฯ), Lao KO LA and ellipsis, Khmer signs: never at a line start (UAX #14 class NS
// or inside a word); and combining marks never start a segment worth breaking before.
const NO_BREAK_BEFORE = /^[\u0e2f\u0e46\u0eaf\u0ec6\u17d4-\u17d6\u104a\u104b\p{M}]/u;

const segmenters = new Map<string, Intl.Segmenter>();

function wordSegmenter(language: string): Intl.Segmenter {
  let segmenter = segmenters.get(language);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(language, { granularity: 'word' });
    segmenters.set(language, segmenter);
  }
  return segmenter;
}

/** The text with U+200B between adjacent words of the SA scripts (Thai, Lao, Khmer, Myanmar), untouched otherwise. */
export function insertWordBreaks(text: string, language: string): string {
  if (!SA.test(text)) return text;
  let out = '';
  let previous = '';
  for (const { segment } of wordSegmenter(language).segment(text)) {
    if (
      previous &&
      SA_END.test(previous) &&
      SA_START.test(segment) &&
      !NO_BREAK_BEFORE.test(segment) &&
      !previous.endsWith(ZWSP)
    ) {
      out += ZWSP;
    }
    out += segment;
    previous = segment;
  }
  return out;
}
