import { type CardSpec, type CardTemplate, cardCreditLine, collapseSpaces } from '../spec.js';
import type { CardElement, CardLogo } from './element.js';
import { type FittedHeadline, type HeadlineStep, type HeadlineStyle, headlineElement } from './headline.js';
import type { TemplateInput } from './input.js';
import {
  PHOTO_HEADLINE_STEPS,
  PHOTO_HEADLINE_WIDTH,
  photoFrame,
  photoHeadlineBlock,
  photoHeadlineStyle,
  photoTemplate,
} from './photo.js';
import {
  PLAIN_HEADLINE_STEPS,
  PLAIN_HEADLINE_WIDTH,
  plainFrame,
  plainHeadlineBlock,
  plainHeadlineStyle,
  plainTemplate,
} from './plain.js';

export type { CardElement, CardLogo, CardNode } from './element.js';
export { readableOn } from './element.js';
export { type FittedHeadline, fitHeadline, guessStep, type HeadlineStep, type MeasureLines } from './headline.js';
export type { TemplateInput } from './input.js';

/**
 * A card design, split into the part that changes with the headline (the block) and the frame around it, which is
 * the same for every headline of a site: the renderer draws the frame once (with an empty box in the block's place)
 * and only the block per card. `build` is the whole card in one element, as satori would draw it in one pass.
 */
export interface TemplateDefinition {
  steps: readonly HeadlineStep[];
  headlineStyle(input: TemplateInput): HeadlineStyle;
  /** Width of the headline block; its height is the laid-out headline's. */
  blockWidth: number;
  block(input: TemplateInput, headline: FittedHeadline): CardElement;
  frame(input: TemplateInput, block: CardElement): CardElement;
  build(input: TemplateInput, headline: FittedHeadline): CardElement;
}

export const TEMPLATES: Readonly<Record<CardTemplate, TemplateDefinition>> = {
  photo: {
    steps: PHOTO_HEADLINE_STEPS,
    headlineStyle: (input) => photoHeadlineStyle(input.fontFamily),
    blockWidth: PHOTO_HEADLINE_WIDTH,
    block: photoHeadlineBlock,
    frame: photoFrame,
    build: photoTemplate,
  },
  plain: {
    steps: PLAIN_HEADLINE_STEPS,
    headlineStyle: (input) => plainHeadlineStyle(input.fontFamily, input.spec.theme.foreground),
    blockWidth: PLAIN_HEADLINE_WIDTH,
    block: plainHeadlineBlock,
    frame: plainFrame,
    build: plainTemplate,
  },
};

export function templateInput(spec: CardSpec, fontFamily: string, logo: CardLogo | undefined): TemplateInput {
  return {
    spec: {
      ...spec,
      siteName: collapseSpaces(spec.siteName),
      section: collapseSpaces(spec.section ?? '') || undefined,
    },
    headline: collapseSpaces(spec.headline),
    credit: cardCreditLine(spec),
    fontFamily,
    logo,
  };
}

/** The headline alone, unclamped, at one size: what the fitting search lays out to count lines. */
export function headlineProbe(template: CardTemplate, input: TemplateInput, fontSize: number): CardElement {
  const definition = TEMPLATES[template];
  return headlineElement(input.headline, definition.headlineStyle(input), { fontSize, maxLines: 0 }, false);
}

/** The key satori reports the block's placeholder under (its `onNodeDetected` hook), to find where the block goes. */
export const BLOCK_SLOT_KEY = 'headline-block-slot';

/** An empty box the size of a headline block: the frame laid out with it puts the block where the whole card would. */
export function blockSlot(width: number, height: number): CardElement {
  return { type: 'div', key: BLOCK_SLOT_KEY, props: { style: { display: 'flex', width, height, flexShrink: 0 } } };
}
