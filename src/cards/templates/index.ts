import { type CardSpec, type CardTemplate, collapseSpaces, creditLine } from '../spec.js';
import type { CardElement, CardLogo } from './element.js';
import { type FittedHeadline, type HeadlineStep, type HeadlineStyle, headlineElement } from './headline.js';
import type { TemplateInput } from './input.js';
import { PHOTO_HEADLINE_STEPS, photoHeadlineStyle, photoTemplate } from './photo.js';
import { PLAIN_HEADLINE_STEPS, plainHeadlineStyle, plainTemplate } from './plain.js';

export type { CardElement, CardLogo, CardNode } from './element.js';
export { readableOn } from './element.js';
export { type FittedHeadline, fitHeadline, type HeadlineStep, type MeasureLines } from './headline.js';
export type { TemplateInput } from './input.js';

export interface TemplateDefinition {
  steps: readonly HeadlineStep[];
  headlineStyle(input: TemplateInput): HeadlineStyle;
  build(input: TemplateInput, headline: FittedHeadline): CardElement;
}

export const TEMPLATES: Readonly<Record<CardTemplate, TemplateDefinition>> = {
  photo: {
    steps: PHOTO_HEADLINE_STEPS,
    headlineStyle: (input) => photoHeadlineStyle(input.fontFamily),
    build: photoTemplate,
  },
  plain: {
    steps: PLAIN_HEADLINE_STEPS,
    headlineStyle: (input) => plainHeadlineStyle(input.fontFamily, input.spec.theme.foreground),
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
    credit: creditLine(spec.credit),
    fontFamily,
    logo,
  };
}

/** The headline alone, unclamped, at one size: what the fitting search lays out to count lines. */
export function headlineProbe(template: CardTemplate, input: TemplateInput, fontSize: number): CardElement {
  const definition = TEMPLATES[template];
  return headlineElement(input.headline, definition.headlineStyle(input), { fontSize, maxLines: 0 }, false);
}
