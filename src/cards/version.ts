import * as crypto from 'node:crypto';
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
 * The fields a card draws after its template, normalised the way the templates normalise them. The language comes
 * last and only when given, so the versions of cards without one did not change when it was added.
 */
function shownFields(spec: CardSpec): string[] {
  const language = canonicalLanguage(spec.language);
  const fields = [
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
 * A spec's version and the keys of the cards drawn from it, its shown fields normalised once: the card service needs
 * a version and two keys for every card it renders, and normalising the spec for each, through closures made per
 * call, cost ~12 µs a card against ~4 µs now (a loop over bench 4's specs), on the main process's CPU that bench 4's
 * two workers share their cores with.
 *
 * Each is the SHA-256 of a JSON array, `[TEMPLATE_VERSION, fontsHash, template, ...shown fields, ...]`, written out as
 * JSON.stringify writes an array (its elements' JSON joined by commas): versions and keys are those of the arrays.
 */
export class CardNaming {
  readonly #head: string;
  readonly #shown: string;
  readonly #spec: CardSpec;
  #versionText: string | undefined;
  #lastText = '';
  #lastKey = '';

  constructor(spec: CardSpec, fontsHash: string) {
    this.#spec = spec;
    this.#head = `[${JSON.stringify(TEMPLATE_VERSION)},${JSON.stringify(fontsHash)},`;
    this.#shown = JSON.stringify(shownFields(spec)).slice(1, -1);
  }

  /** What the version hashes: equal texts, equal versions (a key for cards in flight that skips the hash). */
  get versionText(): string {
    const spec = this.#spec;
    this.#versionText ??= `${this.#head}${JSON.stringify(spec.template)},${this.#shown},${JSON.stringify(spec.photoUrl ?? '')},${JSON.stringify(spec.logoUrl ?? '')}]`;
    return this.#versionText;
  }

  /** cardVersion(spec, fontsHash). */
  get version(): string {
    return sha256(this.versionText).slice(0, 12);
  }

  /**
   * The content address of a card drawn from the spec: equal keys mean byte-identical cards. `template` is the one
   * actually drawn (plain when a photo card has no photo), whose photo alone counts.
   */
  key(template: CardTemplate, photoSha256: string | undefined, logoSha256: string | undefined, format: CardFormat) {
    const photo = template === 'photo' ? (photoSha256 ?? '') : '';
    const text = `${this.#head}${JSON.stringify(template)},${this.#shown},${JSON.stringify(photo)},${JSON.stringify(logoSha256 ?? '')},${JSON.stringify(format)}]`;
    // The key asked for again once the photo and logo are resolved is nearly always the first one.
    if (text !== this.#lastText) {
      this.#lastText = text;
      this.#lastKey = sha256(text);
    }
    return this.#lastKey;
  }
}

/**
 * A short version for card URLs (12 base64url characters of a SHA-256), computed without fetching anything:
 * scrapers cache an image for days, so a URL must change whenever what the card shows may have changed.
 */
export function cardVersion(spec: CardSpec, fontsHash: string): string {
  return new CardNaming(spec, fontsHash).version;
}

/**
 * crypto.hash (Node ≥ 20.12) skips the Hash object createHash builds: ~0.9 µs against ~1.4 µs for a key. Read from the
 * namespace: a named import of it would fail to link on the Node 20 releases before it (engines: >= 20.9).
 */
const sha256: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'base64url')
    : (text) => crypto.createHash('sha256').update(text).digest('base64url');
