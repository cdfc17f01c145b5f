import type { Page } from 'playwright-core';
import type { LoadedFonts } from '../../src/cards/fonts/fonts.js';
import type { CardSpec } from '../../src/cards/spec.js';
import { type CardHeadlineLayout, createHeadlineLayouter } from './card-headline-layout.js';
import { type BrowserFont, type BrowserLayout, type BrowserReference, layoutInBrowser } from './chromium-layout.js';
import { createCoverage } from './font-coverage.js';
import { compareLines, type LaidOut, type LineDifference, laidOut } from './visual-lines.js';

/** Languages written right to left (primary subtags): Arabic, Persian, Urdu, Hebrew, Yiddish, Pashto, Sorani, … */
const RTL = new Set(['ar', 'fa', 'ur', 'he', 'yi', 'ps', 'ckb', 'dv', 'sd', 'ug']);

/**
 * How a good page sets a headline in this language, independently of what the card does: the paragraph direction
 * of the language (as `<html lang dir>` would give it), text aligned to its start, Korean kept whole between spaces
 * (`keep-all`, as Korean news sites set it) and Japanese broken at phrase boundaries (Chrome's `auto-phrase`), as
 * issue 7 asks of the card.
 */
export function browserReference(language: string): BrowserReference {
  const primary = language.split('-')[0]!.toLowerCase();
  return {
    direction: RTL.has(primary) ? 'rtl' : 'ltr',
    wordBreak: primary === 'ko' ? 'keep-all' : primary === 'ja' ? 'auto-phrase' : 'normal',
  };
}

export interface HeadlineCase {
  id: string;
  language: string;
  spec: CardSpec;
}

export interface Compared {
  id: string;
  language: string;
  card: CardHeadlineLayout;
  browser: BrowserLayout;
  cardLayout: LaidOut;
  browserLayout: LaidOut;
  differences: LineDifference[];
  /** Characters no font of the card's has (HarfBuzz's reading of each font's cmap); emoji drawn as pictures excepted. */
  missing: string[];
  /** Families Chromium took from the system rather than from the card's font files. */
  systemFonts: string[];
}

/**
 * Lays every headline out in the card renderer and in Chromium (one page for all), and compares them line by line.
 * Chromium is given every font file any headline used (each once, the same bytes) as web fonts, and each box the
 * families its own headline had in satori, in satori's order.
 */
export async function compareWithChromium(
  page: Page,
  loaded: LoadedFonts,
  cases: readonly HeadlineCase[],
): Promise<Compared[]> {
  const layouter = createHeadlineLayouter(loaded);
  const cards: CardHeadlineLayout[] = [];
  for (const { spec } of cases) cards.push(await layouter.layout(spec));

  const fonts: BrowserFont[] = [];
  const seen = new Set<unknown>();
  for (const font of cards.flatMap((card) => card.fonts)) {
    if (seen.has(font.data)) continue;
    seen.add(font.data);
    const data = Buffer.from(font.data as ArrayBuffer);
    fonts.push({ family: font.name, weight: font.weight ?? 400, style: font.style ?? 'normal', data });
  }
  const browser = await layoutInBrowser(
    page,
    fonts,
    cases.map((headline, i) => ({
      id: headline.id,
      lang: headline.language,
      text: cards[i]!.headline,
      style: cards[i]!.element.props.style ?? {},
      reference: browserReference(headline.language),
      families: [...new Set(cards[i]!.fonts.map((font) => font.name))],
      words: cards[i]!.words,
    })),
  );

  const compared: Compared[] = [];
  for (const [i, { id, language }] of cases.entries()) {
    const card = cards[i]!;
    const drawn = browser[i]!;
    const cardLayout = laidOut(card.placed, card.lineHeight, card.width);
    const browserLayout = laidOut(drawn.placed, drawn.lineHeight, card.width);
    const missingIn = await createCoverage(card.fonts.map((font) => new Uint8Array(font.data as ArrayBuffer)));
    const withoutPictures = card.words.reduceRight(
      (text, word) => (word.image ? text.slice(0, word.start) + text.slice(word.end) : text),
      card.headline,
    );
    compared.push({
      id,
      language,
      card,
      browser: drawn,
      cardLayout,
      browserLayout,
      differences: compareLines(cardLayout, browserLayout),
      missing: missingIn(withoutPictures),
      systemFonts: drawn.fonts.filter((font) => !font.isCustomFont).map((font) => font.familyName),
    });
  }
  return compared;
}

/** Every headline's lines as the card and Chromium drew them, for a person to read (WORLD_REPORT=path). */
export function comparisonReport(results: readonly Compared[]): string {
  const out: string[] = [];
  for (const { id, language, card, cardLayout, browserLayout, differences, missing, browser } of results) {
    const verdict = missing.length > 0 ? `no font for ${missing.join(' ')}` : differences.length ? 'DIFFERS' : 'same';
    out.push(`## ${id} (${language}, ${card.fontSize}px): ${verdict}`);
    const fonts = browser.fonts.map(
      (font) => `${font.familyName}${font.isCustomFont ? '' : ' (system)'} ×${font.glyphCount}`,
    );
    out.push(`fonts: ${fonts.join(', ')}`);
    for (let line = 0; line < Math.max(cardLayout.lines.length, browserLayout.lines.length); line++) {
      out.push(`card    ${line + 1} (${cardLayout.sides[line] ?? '-'}): ${(cardLayout.lines[line] ?? []).join(' | ')}`);
      out.push(
        `browser ${line + 1} (${browserLayout.sides[line] ?? '-'}): ${(browserLayout.lines[line] ?? []).join(' | ')}`,
      );
    }
    out.push('');
  }
  return out.join('\n');
}
