import type { CjkLocale, SatoriLocale } from '../fonts/index.js';
import type { CardSpec } from '../spec.js';
import type { Direction, PreparedText } from '../text/index.js';
import type { CardLogo } from './element.js';

/** A short label (site name, section, credit) as satori draws it: bidi-marked text and its own direction. */
export interface TemplateLabel {
  text: string;
  direction: Direction;
}

/** What a template draws: the spec with its text already normalised and prepared, the font family and the logo. */
export interface TemplateInput {
  spec: CardSpec;
  /** The headline as written, spaces collapsed: for tests and fitting guesses, never drawn as is. */
  headline: string;
  /** The headline as satori gets it (src/cards/text): bidi marks, break opportunities, direction, phrases. */
  prepared: PreparedText;
  siteName: TemplateLabel;
  section: TemplateLabel | undefined;
  credit: TemplateLabel | undefined;
  fontFamily: string;
  logo: CardLogo | undefined;
  /** The regional CJK forms of the card (font-catalog.ts `cjkLocaleFor`). */
  cjk: CjkLocale;
  /** satori's `lang` for the headline: decides which lazily loaded fonts come first for its script. */
  lang: SatoriLocale;
  /** The headline's direction: a right-to-left card mirrors its frame (brand, section, credit, rules). */
  direction: Direction;
}
