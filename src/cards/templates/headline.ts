import type { PreparedText } from '../text/index.js';
import { type CardElement, el } from './element.js';

/** One size the headline may take, with the most lines it may fill at that size. */
export interface HeadlineStep {
  fontSize: number;
  maxLines: number;
}

export interface FittedHeadline extends HeadlineStep {
  /** Lines the full headline needs at `fontSize`; more than `maxLines` means it is clamped with an ellipsis. */
  lines: number;
  clamped: boolean;
}

export const HEADLINE_LINE_HEIGHT = 1.12;

type Style = Record<string, string | number>;

/** Counts the lines `text` takes at a size, by laying it out (satori has no measuring API). */
export type MeasureLines = (fontSize: number) => Promise<number>;

/**
 * Picks the largest step whose line count fits. Fitting is monotonic (a smaller step has a smaller size and room
 * for as many lines or more), so the answer is the first step that fits. Without a guess this is a binary search
 * (at most three layouts for five or six steps, ~1.5 ms each); from a good guess (guessStep) it is two layouts: the
 * guess, which fits, and the step above it, which does not. When even the smallest size does not fit, the smallest
 * is used and the text is clamped with an ellipsis (satori's `lineClamp`), so a headline never overflows the card.
 */
export async function fitHeadline(
  steps: readonly HeadlineStep[],
  measure: MeasureLines,
  guess?: number,
): Promise<FittedHeadline> {
  if (steps.length === 0) throw new RangeError('fitHeadline needs at least one step');
  const last = steps.length - 1;
  const fitted = async (index: number): Promise<FittedHeadline> => {
    const step = steps[index]!;
    const lines = await measure(step.fontSize);
    return { ...step, lines, clamped: lines > step.maxLines };
  };
  if (guess !== undefined) {
    let index = Math.min(last, Math.max(0, guess));
    let best = await fitted(index);
    if (best.clamped) {
      while (best.clamped && index < last) best = await fitted(++index);
      return best;
    }
    while (index > 0) {
      const above = await fitted(index - 1);
      if (above.clamped) break;
      best = above;
      index--;
    }
    return best;
  }
  let low = 0;
  let high = last;
  let best: FittedHeadline | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const result = await fitted(middle);
    if (!result.clamped) {
      best = result;
      high = middle - 1;
    } else {
      low = middle + 1;
      if (middle === last) best = result;
    }
  }
  return best ?? fitted(last);
}

/**
 * Average advance of a headline character in em (Noto Sans Bold, mixed-case English with spaces), and the share of a
 * line greedy wrapping fills: enough to guess the step within one of the answer from the text length alone.
 */
const AVERAGE_ADVANCE_EM = 0.52;
const LINE_FILL = 0.92;
/**
 * The same per code point for scripts far from it (Noto Sans Tamil / Devanagari Bold, vowel signs counted, from the
 * laid-out length of tests/fixtures/world-headlines.json's headlines: Tamil ~0.68 em, Devanagari ~0.37, English
 * ~0.47 measured the same way). Only the search's starting point: fitHeadline finds the same step from any guess.
 */
const TAMIL_ADVANCE_EM = 0.75;
const DEVANAGARI_ADVANCE_EM = 0.41;
/** Han, kana, Hangul and full-width punctuation are one em wide (ideographic text is set solid). */
const WIDE_ADVANCE_EM = 1;
const TAMIL = /\p{Script=Tamil}/u;
const DEVANAGARI = /\p{Script=Devanagari}/u;
const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff01-\uff60]/u;

/** The step the headline probably fits first, from its length: fitHeadline's starting point. */
export function guessStep(steps: readonly HeadlineStep[], text: string, width: number): number {
  let tamil = 0;
  let devanagari = 0;
  let wide = 0;
  let others = 0;
  for (const character of text) {
    if (TAMIL.test(character)) tamil++;
    else if (DEVANAGARI.test(character)) devanagari++;
    else if (WIDE.test(character)) wide++;
    else others++;
  }
  const ems =
    others * AVERAGE_ADVANCE_EM +
    tamil * TAMIL_ADVANCE_EM +
    devanagari * DEVANAGARI_ADVANCE_EM +
    wide * WIDE_ADVANCE_EM;
  const index = steps.findIndex((step) => Math.ceil((ems * step.fontSize) / (width * LINE_FILL)) <= step.maxLines);
  return index < 0 ? steps.length - 1 : index;
}

export interface HeadlineStyle {
  fontFamily: string;
  /** satori's `lang` for the headline's script (font order, CJK forms): templates/index.ts `templateInput`. */
  lang?: string | undefined;
  color: string;
  width: number;
  textShadow?: string;
}

/** The key satori reports the headline element under (its `onNodeDetected` hook): its height gives the line count. */
export const HEADLINE_KEY = 'headline';

/**
 * The headline block, one text node so satori's bidi reorders each line as a whole (inline children of a
 * right-to-left line are not reordered: TYPOGRAPHY-NOTES). `break-word` lets a word longer than the line (a URL, a
 * 60-letter compound) break between letters instead of running off the card; `lineClamp` needs `display: block`.
 * - Right to left: `direction: rtl`, aligned right, as a browser lays out `<div dir="rtl">`.
 * - Korean: `keep-all`, breaking only at spaces (the default breaks between any two Hangul syllables).
 * - Japanese with phrases: each phrase is a flex item of a wrapping row, so lines break only between phrases (as
 *   Chrome's `word-break: auto-phrase`); flex items cannot be clamped with an ellipsis, so a clamped block is cut
 *   at its last whole line instead.
 */
export function headlineElement(
  prepared: Pick<PreparedText, 'text' | 'direction' | 'wordBreak' | 'phrases'>,
  style: HeadlineStyle,
  size: HeadlineStep,
  clamp: boolean,
): CardElement {
  return { ...headlineBox(prepared, style, size, clamp), key: HEADLINE_KEY };
}

function headlineBox(
  prepared: Pick<PreparedText, 'text' | 'direction' | 'wordBreak' | 'phrases'>,
  style: HeadlineStyle,
  size: HeadlineStep,
  clamp: boolean,
): CardElement {
  const lineHeight = HEADLINE_LINE_HEIGHT * size.fontSize;
  const common: Style = {
    width: style.width,
    color: style.color,
    fontFamily: style.fontFamily,
    fontWeight: 700,
    fontSize: size.fontSize,
    lineHeight: HEADLINE_LINE_HEIGHT,
    // Not applied to Arabic-script text, as in browsers (CSS Text 3 §8.2): satori is patched for it, per character,
    // since a span per run would not be reordered by satori's bidi (patches/README.md).
    letterSpacing: -0.01 * size.fontSize,
    ...(style.textShadow ? { textShadow: style.textShadow } : {}),
  };
  const lang = style.lang ? { lang: style.lang } : {};
  if (prepared.phrases && prepared.phrases.length > 1) {
    const phrases = prepared.phrases.map((phrase) => el('div', { display: 'flex' }, phrase));
    // Cut only a headline that overflows: `overflow: hidden` makes satori clip every phrase box, which more than
    // doubled resvg's time for a Japanese card.
    const overflows = clamp && 'lines' in size && (size as FittedHeadline).lines > size.maxLines;
    const cut: Style = overflows ? { maxHeight: size.maxLines * lineHeight, overflow: 'hidden' } : {};
    return el('div', { display: 'flex', flexDirection: 'row', flexWrap: 'wrap', ...common, ...cut }, phrases, lang);
  }
  const rtl: Style = prepared.direction === 'rtl' ? { direction: 'rtl', textAlign: 'right' } : {};
  return el(
    'div',
    {
      display: 'block',
      ...common,
      wordBreak: prepared.wordBreak === 'keep-all' ? 'keep-all' : 'break-word',
      ...rtl,
      ...(clamp ? { lineClamp: size.maxLines } : {}),
    },
    prepared.text,
    lang,
  );
}
