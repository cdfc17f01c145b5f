import { stripXmlIllegal } from '../../articles/index.js';

/** Text and URL clean-up shared by the feed model and its items. */

/** Characters XML 1.0 forbids are dropped again here: records are cleaned on the way in, but a feed must never break. */
export const clean = stripXmlIllegal;

/** The cleaned text, or undefined when nothing but white space is left. */
export function present(text: string | undefined): string | undefined {
  const cleaned = text === undefined ? undefined : clean(text);
  return cleaned?.trim() ? cleaned : undefined;
}

export function normalizeUrl(url: string): string {
  return new URL(url).href;
}
