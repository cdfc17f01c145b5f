import type { CardSpec } from '../spec.js';
import type { CardLogo } from './element.js';

/** What a template draws: the spec with its text already normalised, the font family and the fetched logo. */
export interface TemplateInput {
  spec: CardSpec;
  headline: string;
  credit: string | undefined;
  fontFamily: string;
  logo: CardLogo | undefined;
}
