import { isLanguageTag } from '../cards/text/language.js';

/** `--lang` must be a BCP 47 tag (what `lang` on `/og.*` and `language` in records accept), else the command stops. */
export function checkLanguageOption(lang: string | undefined): void {
  if (lang !== undefined && !isLanguageTag(lang)) {
    throw new Error(`--lang: must be a BCP 47 language tag such as "en-GB" or "zh-TW", got "${lang}"`);
  }
}
