/** What a card shows (headline, credit, photo, logo, template, theme, language) and how an article becomes one. */
import type { Article, Site } from '../articles/index.js';
// credit.js by file, not through articles/index.js: that index also loads the SQLite store, which render workers
// (they import this file) must not pay for.
import { creditLine } from '../articles/record/credit.js';
import { canonicalLanguage, detectLanguage } from './text/language.js';
import { detectScript } from './text/script.js';

export type CardTemplate = 'photo' | 'plain';
export type CardFormat = 'png' | 'jpeg';

export interface CardTheme {
  background: string;
  foreground: string;
  accent: string;
}

/** Everything a card shows, and nothing else: two equal specs always give the same card. */
export interface CardSpec {
  headline: string;
  credit?: string;
  siteName: string;
  section?: string;
  photoUrl?: string;
  /** For the page's og:image:alt; not drawn on the card, so not part of its version. */
  photoAlt?: string;
  template: CardTemplate;
  theme: CardTheme;
  logoUrl?: string;
  /**
   * BCP 47 language of the headline and credit: decides the paragraph direction, the CJK glyph forms and the credit
   * label's language (see src/cards/text). Without one, they are detected from the headline itself. Part of the
   * card's version and key when present.
   */
  language?: string;
}

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

export const CONTENT_TYPES: Readonly<Record<CardFormat, string>> = { png: 'image/png', jpeg: 'image/jpeg' };

/**
 * The card of an article as the site shows it: its hero photo, credit and section, in the site's colours, in the
 * article's language, or the site's when the record has none (the same rule as the article page's `<html lang>`:
 * a publisher's records in its own language often leave the field out).
 */
export function cardSpecForArticle(article: Article, site: Site, template: CardTemplate = site.template): CardSpec {
  const image = article.image;
  const spec: CardSpec = {
    headline: article.headline,
    siteName: site.name,
    template: image ? template : 'plain',
    theme: { ...site.theme },
    language: article.language ?? site.language,
  };
  if (article.section) spec.section = article.section;
  if (site.logo) spec.logoUrl = site.logo;
  if (image) {
    spec.photoUrl = image.url;
    if (image.alt) spec.photoAlt = image.alt;
    if (image.credit) spec.credit = image.credit;
  }
  return spec;
}

/**
 * The language a card is drawn in: its spec's (canonical), else the one its headline is written in (so an ad-hoc card
 * without `lang` still gets its credit label in the headline's language).
 */
function cardLanguage(spec: Pick<CardSpec, 'headline' | 'language'>): string {
  return canonicalLanguage(spec.language) ?? detectLanguage(spec.headline, detectScript(spec.headline));
}

/** The card's credit line, labelled in the card's language (src/articles/record/credit.ts, the rule feeds share). */
export function cardCreditLine(spec: Pick<CardSpec, 'headline' | 'language' | 'credit'>): string | undefined {
  return creditLine(spec.credit, cardLanguage(spec));
}

export { creditLine };

/** Whitespace runs (newlines, tabs, NBSP kept) become one space, so a record's line breaks never reach the card. */
export function collapseSpaces(text: string): string {
  // Most text has nothing to collapse: one test (~0.1 µs for a headline) instead of a replace of every space (~0.75).
  // Unchanged exactly when no run is longer than one plain space, nor one of the other characters, and trim() (which
  // removes what \s matches) has nothing to remove.
  return COLLAPSIBLE.test(text) ? text.replace(SPACE_RUNS, ' ').trim() : text;
}

const COLLAPSIBLE = /[\t\n\r\f\v]| {2}|^\s|\s$/;
const SPACE_RUNS = /[\t\n\r\f\v ]+/g;
