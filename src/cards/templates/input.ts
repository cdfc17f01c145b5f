import type { CjkLocale, SatoriLocale } from '../font-catalog.js';
import type { CardSpec } from '../spec.js';
import type { CardLogo } from './element.js';

/** What a template draws: the spec with its text already normalised, the font family and the fetched logo. */
export interface TemplateInput {
  spec: CardSpec;
  headline: string;
  credit: string | undefined;
  fontFamily: string;
  logo: CardLogo | undefined;
  /** The regional CJK forms of the card (font-catalog.ts `cjkLocaleFor`). */
  cjk: CjkLocale;
  /** satori's `lang` for the card's elements: decides which lazily loaded fonts come first for its script. */
  lang: SatoriLocale;
}
