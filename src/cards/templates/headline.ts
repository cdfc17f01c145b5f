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

/** Counts the lines `text` takes at a size, by laying it out (satori has no measuring API). */
export type MeasureLines = (fontSize: number) => Promise<number>;

/**
 * Picks the largest step whose line count fits, by binary search (line count only grows with the size, so at most
 * three layouts for five steps, ~3–5 ms each). When even the smallest size does not fit, the smallest is used and
 * the text is clamped with an ellipsis (satori's `lineClamp`), so a headline never overflows the card.
 */
export async function fitHeadline(steps: readonly HeadlineStep[], measure: MeasureLines): Promise<FittedHeadline> {
  if (steps.length === 0) throw new RangeError('fitHeadline needs at least one step');
  let low = 0;
  let high = steps.length - 1;
  let best: FittedHeadline | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const step = steps[middle]!;
    const lines = await measure(step.fontSize);
    if (lines <= step.maxLines) {
      best = { ...step, lines, clamped: false };
      high = middle - 1;
    } else {
      low = middle + 1;
      if (middle === steps.length - 1) best = { ...step, lines, clamped: true };
    }
  }
  if (best) return best;
  const last = steps[steps.length - 1]!;
  const lines = await measure(last.fontSize);
  return { ...last, lines, clamped: lines > last.maxLines };
}

export interface HeadlineStyle {
  fontFamily: string;
  color: string;
  width: number;
  textShadow?: string;
}

/**
 * The headline block. `break-word` lets a word longer than the line (a URL, a 60-letter compound) break between
 * letters instead of running off the card; `lineClamp` needs `display: block` in satori.
 */
export function headlineElement(text: string, style: HeadlineStyle, size: HeadlineStep, clamp: boolean): CardElement {
  return el(
    'div',
    {
      display: 'block',
      width: style.width,
      color: style.color,
      fontFamily: style.fontFamily,
      fontWeight: 700,
      fontSize: size.fontSize,
      lineHeight: HEADLINE_LINE_HEIGHT,
      letterSpacing: -0.01 * size.fontSize,
      wordBreak: 'break-word',
      ...(style.textShadow ? { textShadow: style.textShadow } : {}),
      ...(clamp ? { lineClamp: size.maxLines } : {}),
    },
    text,
  );
}
