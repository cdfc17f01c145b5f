import { createHash } from 'node:crypto';
import { type CardFormat, type CardSpec, type CardTemplate, cardCreditLine, collapseSpaces } from './spec.js';
import { canonicalLanguage } from './text/language.js';

/**
 * Bump whenever the templates, the scrim or the encoders change what a card looks like: it is part of every card's
 * version and cache key, so old cards stop being served (and scrapers see a new URL).
 */
// cards-3: no letter-spacing on Arabic-script text and the space from the first font (issue 7), the headline painted
// from cached glyph masks (issue 11): Arabic-script cards look different, every other card moved by anti-aliasing.
export const TEMPLATE_VERSION = 'cards-3';

/**
 * The fields a card draws, normalised the way the templates normalise them. The language comes last and only when
 * given, so the versions of cards without one did not change when it was added.
 */
function shownFields(spec: CardSpec, template: CardTemplate): unknown[] {
  const language = canonicalLanguage(spec.language);
  const fields: unknown[] = [
    template,
    collapseSpaces(spec.headline),
    collapseSpaces(spec.siteName),
    collapseSpaces(spec.section ?? ''),
    cardCreditLine(spec) ?? '', // drawn by both templates
    spec.theme.background.toLowerCase(),
    spec.theme.foreground.toLowerCase(),
    spec.theme.accent.toLowerCase(),
  ];
  if (language) fields.push(language);
  return fields;
}

/**
 * A short version for card URLs (12 base64url characters of a SHA-256), computed without fetching anything:
 * scrapers cache an image for days, so a URL must change whenever what the card shows may have changed.
 */
export function cardVersion(spec: CardSpec, fontsHash: string): string {
  const fields = [
    TEMPLATE_VERSION,
    fontsHash,
    ...shownFields(spec, spec.template),
    spec.photoUrl ?? '',
    spec.logoUrl ?? '',
  ];
  return sha256(JSON.stringify(fields)).slice(0, 12);
}

export interface CardKeyInput {
  spec: CardSpec;
  fontsHash: string;
  /** The template actually drawn (plain when a photo card has no photo). */
  template: CardTemplate;
  photoSha256: string | undefined;
  logoSha256: string | undefined;
  format: CardFormat;
}

/** The content address of a rendered card: equal keys mean byte-identical cards. */
export function cardKey(input: CardKeyInput): string {
  const { spec, fontsHash, template, photoSha256, logoSha256, format } = input;
  const photo = template === 'photo' ? (photoSha256 ?? '') : '';
  return sha256(
    JSON.stringify([TEMPLATE_VERSION, fontsHash, ...shownFields(spec, template), photo, logoSha256 ?? '', format]),
  );
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}
