/** Templates stage: the card designs (photo, plain), their frame and brand strip, and fitting the headline. */
// By file, not through fonts/index.ts: templates load in the render workers, which must not load the manifest's
// schema that only start-up needs.
import { BASE_LANG, cjkLocaleFor, satoriLangFor } from '../fonts/font-catalog.js';
import { type CardSpec, type CardTemplate, cardCreditLine, collapseSpaces } from '../spec.js';
import { prepareText } from '../text/index.js';
import type { CardElement, CardLogo } from './element.js';
import { type FittedHeadline, type HeadlineStep, type HeadlineStyle, headlineElement } from './headline.js';
import type { TemplateInput, TemplateLabel } from './input.js';
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

export type { CardElement, CardLogo } from './element.js';
export {
  type FittedHeadline,
  fitHeadline,
  guessStep,
  HEADLINE_KEY,
  HEADLINE_LINE_HEIGHT,
  type HeadlineStep,
} from './headline.js';
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
    headlineStyle: photoHeadlineStyle,
    blockWidth: PHOTO_HEADLINE_WIDTH,
    block: photoHeadlineBlock,
    frame: photoFrame,
    build: photoTemplate,
  },
  plain: {
    steps: PLAIN_HEADLINE_STEPS,
    headlineStyle: plainHeadlineStyle,
    blockWidth: PLAIN_HEADLINE_WIDTH,
    block: plainHeadlineBlock,
    frame: plainFrame,
    build: plainTemplate,
  },
};

export function templateInput(spec: CardSpec, fontFamily: string, logo: CardLogo | undefined): TemplateInput {
  const headline = collapseSpaces(spec.headline);
  const siteName = collapseSpaces(spec.siteName);
  const section = collapseSpaces(spec.section ?? '') || undefined;
  const credit = cardCreditLine(spec);
  const prepared = prepareText(headline, spec.language);
  // The CJK forms follow the card's language, or the one detected from the headline (zh-Hant, ja, ko).
  const cjk = cjkLocaleFor(prepared.language, [headline, siteName, section, credit].join(' '));
  return {
    spec: { ...spec, siteName, section },
    headline,
    prepared,
    siteName: label(siteName),
    section: section === undefined ? undefined : label(section),
    credit: credit === undefined ? undefined : label(credit),
    fontFamily,
    logo,
    cjk,
    lang: satoriLangFor(headline, cjk),
    direction: prepared.direction,
  };
}

/** A label is its own paragraph: its direction and bidi marks come from its own text (a Latin site name on an
 * Arabic card stays left-to-right inside its box). */
function label(text: string): TemplateLabel {
  const prepared = prepareText(text);
  return { text: prepared.text, direction: prepared.direction };
}

/** The headline alone, unclamped, at one size: what the fitting search lays out to count lines. */
export function headlineProbe(template: CardTemplate, input: TemplateInput, fontSize: number): CardElement {
  const definition = TEMPLATES[template];
  const element = headlineElement(input.prepared, definition.headlineStyle(input), { fontSize, maxLines: 0 }, false);
  return { ...element, key: HEADLINE_PROBE_KEY };
}

/** The key satori reports the probed headline under: its laid-out height gives the line count. */
export const HEADLINE_PROBE_KEY = 'headline-probe';

/**
 * The `lang` attribute for the frame's root, inherited by its labels. satori upper-cases the section label with
 * `toLocaleUpperCase(lang)`, which throws on its pseudo-locales (`devanagari`, `kannada`): those are left out.
 */
export function labelLangOf(input: TemplateInput): { lang: string } {
  try {
    Intl.getCanonicalLocales(input.lang);
    return { lang: input.lang };
  } catch {
    return { lang: BASE_LANG };
  }
}

/** The key satori reports the block's placeholder under (its `onNodeDetected` hook), to find where the block goes. */
export const BLOCK_SLOT_KEY = 'headline-block-slot';

/** An empty box the size of a headline block: the frame laid out with it puts the block where the whole card would. */
export function blockSlot(width: number, height: number): CardElement {
  return { type: 'div', key: BLOCK_SLOT_KEY, props: { style: { display: 'flex', width, height, flexShrink: 0 } } };
}
