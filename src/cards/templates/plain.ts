import { CARD_HEIGHT, CARD_WIDTH } from '../spec.js';
import { brandElement, labelDirection } from './brand.js';
import { type CardElement, el } from './element.js';
import { type FittedHeadline, type HeadlineStep, type HeadlineStyle, headlineElement } from './headline.js';
import type { TemplateInput } from './input.js';

const STRIPE = 20;
const PADDING_LEFT = 64;
const PADDING_RIGHT = 72;

/** Headline sizes of the text-only card: with no photo the headline is the picture, so it may run longer. */
export const PLAIN_HEADLINE_STEPS: readonly HeadlineStep[] = [
  { fontSize: 84, maxLines: 2 },
  { fontSize: 76, maxLines: 3 },
  { fontSize: 66, maxLines: 4 },
  { fontSize: 58, maxLines: 4 },
  { fontSize: 50, maxLines: 5 },
  { fontSize: 46, maxLines: 6 },
];

export const PLAIN_HEADLINE_WIDTH = CARD_WIDTH - STRIPE - PADDING_LEFT - PADDING_RIGHT;

export function plainHeadlineStyle(input: TemplateInput): HeadlineStyle {
  return {
    fontFamily: input.fontFamily,
    lang: input.lang,
    color: input.spec.theme.foreground,
    width: PLAIN_HEADLINE_WIDTH,
  };
}

/** What changes with the headline: the headline alone, centred between the brand and the accent rule. */
export function plainHeadlineBlock(input: TemplateInput, headline: FittedHeadline): CardElement {
  return headlineElement(input.prepared, plainHeadlineStyle(input), headline, true);
}

/** The text-only card in the site's theme colours: an accent stripe, the brand, the headline, an accent rule. */
export function plainTemplate(input: TemplateInput, headline: FittedHeadline): CardElement {
  return plainFrame(input, plainHeadlineBlock(input, headline));
}

/**
 * The text-only card around a headline block: the frame alone (with an empty box as the block) is the same for
 * every headline. Right to left it is mirrored: the stripe on the right edge, the brand and the accent rule on the
 * right, the credit at the bottom left.
 */
export function plainFrame(input: TemplateInput, block: CardElement): CardElement {
  const { spec, fontFamily, logo, direction } = input;
  const { background, foreground, accent } = spec.theme;
  const rtl = direction === 'rtl';
  const padding = rtl
    ? `52px ${PADDING_LEFT}px 56px ${PADDING_RIGHT}px`
    : `52px ${PADDING_RIGHT}px 56px ${PADDING_LEFT}px`;
  return el(
    'div',
    {
      display: 'flex',
      flexDirection: rtl ? 'row-reverse' : 'row',
      width: CARD_WIDTH,
      height: CARD_HEIGHT,
      backgroundColor: background,
    },
    [
      el('div', { width: STRIPE, height: CARD_HEIGHT, backgroundColor: accent }),
      el(
        'div',
        {
          display: 'flex',
          flexDirection: 'column',
          justifyContent: 'space-between',
          flexGrow: 1,
          height: CARD_HEIGHT,
          // satori lays out boxes content-box: without this the padding would be added to the card's height.
          boxSizing: 'border-box',
          padding,
        },
        [
          brandElement({
            siteName: input.siteName,
            section: input.section,
            logo,
            fontFamily,
            nameBackground: undefined,
            nameColor: foreground,
            sectionColor: accent,
            direction,
          }),
          block,
          footer(input),
        ],
      ),
    ],
  );
}

/**
 * The accent rule, and the photo credit beside it when there is one. A credit is drawn even without the photo (a
 * plain site template, or a photo that could not be loaded): it is text the publisher sent for this article's
 * picture, often a licence condition wherever the picture is used, and dropping it silently would hide that it was
 * sent. Without a credit the footer is the rule alone, exactly as before.
 */
function footer(input: TemplateInput): CardElement {
  const rtl = input.direction === 'rtl';
  // Right to left the rule sits at the right end and the credit at the left.
  const side: Record<string, string> = rtl ? { alignSelf: 'flex-end' } : {};
  const rule = el('div', { width: 120, height: 8, flexShrink: 0, backgroundColor: input.spec.theme.accent, ...side });
  if (!input.credit) return rule;
  const credit = el(
    'div',
    {
      display: 'block',
      maxWidth: 640,
      color: input.spec.theme.foreground,
      opacity: 0.8,
      fontFamily: input.fontFamily,
      fontWeight: 400,
      fontSize: 20,
      lineHeight: 1.3,
      lineClamp: 1,
      ...labelDirection(input.credit),
    },
    input.credit.text,
  );
  const row = { display: 'flex', flexDirection: rtl ? 'row-reverse' : 'row' };
  return el('div', { ...row, justifyContent: 'space-between', alignItems: 'center' }, [rule, credit]);
}
