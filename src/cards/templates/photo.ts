import { CARD_HEIGHT, CARD_WIDTH } from '../spec.js';
import { brandElement, labelDirection } from './brand.js';
import { type CardElement, el, readableOn } from './element.js';
import { type FittedHeadline, type HeadlineStep, type HeadlineStyle, headlineElement } from './headline.js';
import type { TemplateInput } from './input.js';

const PADDING_X = 64;

/** Headline sizes of the photo card: large and short over the photo, smaller and longer only when it must. */
export const PHOTO_HEADLINE_STEPS: readonly HeadlineStep[] = [
  { fontSize: 72, maxLines: 2 },
  { fontSize: 64, maxLines: 3 },
  { fontSize: 56, maxLines: 3 },
  { fontSize: 50, maxLines: 4 },
  { fontSize: 44, maxLines: 4 },
];

export const PHOTO_HEADLINE_WIDTH = CARD_WIDTH - 2 * PADDING_X;

export function photoHeadlineStyle(input: TemplateInput): HeadlineStyle {
  return { fontFamily: input.fontFamily, lang: input.lang, color: '#ffffff', width: PHOTO_HEADLINE_WIDTH };
}

/** What changes with the headline: the accent rule above it and the headline itself, bottom-aligned on the card. */
export function photoHeadlineBlock(input: TemplateInput, headline: FittedHeadline): CardElement {
  const rule: Record<string, string> = input.direction === 'rtl' ? { alignSelf: 'flex-end' } : {};
  return el('div', { display: 'flex', flexDirection: 'column', width: PHOTO_HEADLINE_WIDTH }, [
    el('div', { width: 96, height: 6, marginBottom: 22, backgroundColor: input.spec.theme.accent, ...rule }),
    headlineElement(input.prepared, photoHeadlineStyle(input), headline, true),
  ]);
}

/**
 * The text layer of the photo card, drawn over a transparent background: the photo itself, cover-cropped, with
 * the scrim that keeps white text legible (photo-scrim.ts) already baked in, is composited underneath.
 * Drawing the photo through resvg would cost ~50 ms per card (DEPENDENCY-NOTES.md).
 */
export function photoTemplate(input: TemplateInput, headline: FittedHeadline): CardElement {
  return photoFrame(input, photoHeadlineBlock(input, headline));
}

/**
 * The photo card around a headline block: the frame alone (with an empty box as the block) is the same for every
 * headline. Right to left it is mirrored: brand at the top right, credit at the top left, the accent rule over the
 * headline's right end.
 */
export function photoFrame(input: TemplateInput, block: CardElement): CardElement {
  const { spec, fontFamily, logo, credit, direction } = input;
  const rtl = direction === 'rtl';
  const top: CardElement[] = [
    brandElement({
      siteName: input.siteName,
      section: input.section,
      logo,
      fontFamily,
      nameBackground: spec.theme.accent,
      nameColor: readableOn(spec.theme.accent),
      sectionColor: '#ffffff',
      direction,
    }),
  ];
  if (credit) {
    top.push(
      el(
        'div',
        {
          display: 'block',
          maxWidth: 480,
          ...(rtl ? { marginRight: 24 } : { marginLeft: 24 }),
          padding: '5px 12px',
          borderRadius: 4,
          backgroundColor: 'rgba(0, 0, 0, 0.55)',
          color: '#f3f4f6',
          fontFamily,
          fontWeight: 400,
          fontSize: 18,
          lineHeight: 1.3,
          lineClamp: 1,
          ...labelDirection(credit),
        },
        credit.text,
      ),
    );
  }
  return el(
    'div',
    {
      display: 'flex',
      flexDirection: 'column',
      justifyContent: 'space-between',
      width: CARD_WIDTH,
      height: CARD_HEIGHT,
      // satori lays out boxes content-box: without this the padding would be added to the card's size.
      boxSizing: 'border-box',
      padding: `44px ${PADDING_X}px 52px`,
    },
    [
      el(
        'div',
        {
          display: 'flex',
          flexDirection: rtl ? 'row-reverse' : 'row',
          justifyContent: 'space-between',
          alignItems: 'flex-start',
        },
        top,
      ),
      block,
    ],
  );
}
