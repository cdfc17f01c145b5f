import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFonts } from '../../src/cards/index.js';
import { type CardHeadlineLayout, createHeadlineLayouter, readPieces } from '../helpers/card-headline-layout.js';
import { type ChromiumSession, launchChromium } from '../helpers/chromium.js';
import { type BrowserFont, type BrowserLayout, layoutInBrowser } from '../helpers/chromium-layout.js';
import { createCoverage } from '../helpers/font-coverage.js';
import {
  compareLines,
  describeDifferences,
  groupLines,
  type LineDifference,
  toVisualLines,
  type VisualLines,
} from '../helpers/visual-lines.js';
import { FONTS_DIR } from './card-fixtures.js';
import { WORLD_HEADLINES, type WorldHeadline, worldSpec } from './world-corpus.js';

/**
 * Ground truth from a real browser (issue 7): every corpus headline is laid out by the card renderer (satori, as the
 * photo card lays out its headline) and by Debian's Chromium with the same font files, in a box of the same width,
 * size, line height, letter spacing, direction, alignment and word-break; per line, the words and their visual
 * order must be the same.
 */

/**
 * Headlines whose characters the card's fonts do not all cover: Chromium had to take a system font for them, so
 * there is no common ground to compare on. Fonts for the world arrive with issue 7 (type-fonts); this list shrinks
 * to nothing as they land, and the test fails when it is out of date in either direction.
 */
const AWAITING_FONTS: readonly string[] = [
  'ar-inflation',
  'ar-basketball-score',
  'ar-apple-launch',
  'ar-scholarship-url',
  'ar-qatar-brent',
  'fa-central-bank',
  'fa-volleyball',
  'fa-samsung',
  'ur-cricket',
  'ur-heatwave',
  'he-intel-percent',
  'he-basketball-score',
  'he-light-rail-times',
  'he-google-haifa',
  'he-health-url',
  'hi-cricket',
  'hi-delhi-air',
  'mr-mumbai-rain',
  'mr-pune-budget',
  'ne-earthquake',
  'ne-rastra-bank',
  'bn-metro',
  'bn-cricket',
  'ta-chennai-rain',
  'ta-isro',
  'th-pm-visit',
  'th-storm-warning',
  'th-stock-market',
  'zh-cn-gdp',
  'zh-cn-metro',
  'zh-tw-typhoon',
  'zh-tw-tsmc',
  'zh-hk-mtr',
  'zh-hk-signal-8',
  'ja-tuition',
  'ja-ohtani',
  'ja-rainy-season',
  'ko-transit-pass',
  'ko-rate-cut',
  'en-emoji-celebration',
  'en-emoji-zwj-family',
  'en-emoji-skin-tone',
  'en-emoji-keycap',
  'en-emoji-flags',
  'en-emoji-only-line',
  'en-arabic-name',
  'en-hebrew-name',
  'en-arabic-time',
];

/**
 * Known differences from the browser, each with its reason and the exact lines that differ (card · browser). A
 * headline listed here must still differ exactly so: a change either way fails, and the list is kept true.
 */
const KNOWN_DIFFERENCES: Readonly<Record<string, { reason: string; lines: string }>> = {};

interface Compared {
  entry: WorldHeadline;
  card: CardHeadlineLayout;
  browser: BrowserLayout;
  cardLines: VisualLines;
  browserLines: VisualLines;
  differences: LineDifference[];
  /** Characters no font of the card's has (HarfBuzz's reading of each font's cmap). */
  missing: string[];
  /** Families Chromium took from the system rather than from the card's font files. */
  systemFonts: string[];
}

describe('world headlines: card layout against Chromium', () => {
  let chromium: ChromiumSession | undefined;
  const results = new Map<string, Compared>();

  beforeAll(async () => {
    const loaded = await loadFonts(FONTS_DIR);
    const layouter = createHeadlineLayouter(loaded.fonts);
    const cards: CardHeadlineLayout[] = [];
    for (const entry of WORLD_HEADLINES) cards.push(await layouter.layout(worldSpec(entry)));

    const fonts: BrowserFont[] = loaded.fonts.map((font) => ({
      family: font.name,
      weight: font.weight ?? 400,
      style: font.style ?? 'normal',
      data: Buffer.from(font.data as Buffer),
    }));
    const families = [...new Set(fonts.map((font) => font.family))];
    const missingIn = await createCoverage(fonts.map((font) => font.data));
    chromium = await launchChromium();
    const browser = await layoutInBrowser(
      chromium.page,
      fonts,
      WORLD_HEADLINES.map((entry, i) => ({
        id: entry.id,
        lang: entry.language,
        text: cards[i]!.headline,
        style: cards[i]!.element.props.style ?? {},
        families,
        words: cards[i]!.words,
      })),
    );
    for (const [i, entry] of WORLD_HEADLINES.entries()) {
      const card = cards[i]!;
      const cardLines = toVisualLines(card.placed, card.lineHeight);
      const browserLines = toVisualLines(browser[i]!.placed, browser[i]!.lineHeight);
      results.set(entry.id, {
        entry,
        card,
        browser: browser[i]!,
        cardLines,
        browserLines,
        differences: compareLines(cardLines, browserLines),
        // Emoji the card drew as pictures need no font (Chromium is given the same pictures).
        missing: missingIn(
          card.words.reduceRight(
            (text, word) => (word.image ? text.slice(0, word.start) + text.slice(word.end) : text),
            card.headline,
          ),
        ),
        systemFonts: browser[i]!.fonts.filter((font) => !font.isCustomFont).map((font) => font.familyName),
      });
    }
  }, 240_000);

  afterAll(async () => {
    await chromium?.close();
    // WORLD_REPORT=path writes every headline's lines as the card and Chromium drew them, for a person to read.
    if (process.env.WORLD_REPORT) writeFileSync(process.env.WORLD_REPORT, report([...results.values()]));
  });

  it('the corpus has at least 40 headlines, two or more per language, with unique ids', () => {
    expect(WORLD_HEADLINES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(WORLD_HEADLINES.map((entry) => entry.id)).size).toBe(WORLD_HEADLINES.length);
    const perLanguage = new Map<string, number>();
    for (const { language } of WORLD_HEADLINES) perLanguage.set(language, (perLanguage.get(language) ?? 0) + 1);
    const required = ['ar', 'fa', 'ur', 'he', 'hi', 'mr', 'ne', 'bn', 'ta', 'th', 'zh-CN', 'zh-TW', 'zh-HK'];
    required.push('ja', 'ko', 'vi', 'el', 'ru', 'en');
    for (const language of required) expect(perLanguage.get(language) ?? 0, language).toBeGreaterThanOrEqual(2);
  });

  it('exactly the headlines listed as awaiting fonts have characters the card has no font for', () => {
    const lacking = [...results.values()]
      .filter((result) => result.missing.length > 0)
      .map((result) => result.entry.id);
    expect(lacking).toEqual([...AWAITING_FONTS]);
  });

  for (const entry of WORLD_HEADLINES) {
    const known = KNOWN_DIFFERENCES[entry.id];
    const title = known
      ? `${entry.id} (${entry.language}) differs from Chromium only as known: ${known.reason}`
      : `${entry.id} (${entry.language}): the card's lines and word order are Chromium's`;
    it(title, () => {
      const result = results.get(entry.id)!;
      if (AWAITING_FONTS.includes(entry.id)) {
        expect(result.missing.length, 'listed as awaiting fonts').toBeGreaterThan(0);
        return;
      }
      // Same font files on both sides: Chromium drew every glyph from the card's fonts, none from the system.
      expect(result.systemFonts).toEqual([]);
      expect(result.cardLines.length).toBeGreaterThan(0);
      expect(describeDifferences(result.differences)).toBe(known?.lines ?? '');
    });
  }

  it('the comparison fails on a deliberately wrong order: one line of the card mirrored', () => {
    const result = [...results.values()].find(
      (candidate) => candidate.differences.length === 0 && candidate.cardLines.some((line) => line.length >= 3),
    );
    expect(result, 'a headline that matches Chromium, with a line of three words or more').toBeDefined();
    const { card, browserLines } = result!;
    const lineIndex = result!.cardLines.findIndex((line) => line.length >= 3);
    // Mirror that line's pieces inside the box, as a renderer that forgot to reorder (or reordered twice) would.
    const onLine = new Set(groupLines(card.placed, card.lineHeight)[lineIndex]);
    const mirrored = card.placed.map((piece) =>
      onLine.has(piece) ? { ...piece, left: card.width - piece.left } : piece,
    );
    const wrongLines = toVisualLines(mirrored, card.lineHeight);
    expect(wrongLines[lineIndex]).toEqual([...result!.cardLines[lineIndex]!].reverse());
    const differences = compareLines(wrongLines, browserLines);
    expect(differences.map((difference) => difference.line)).toEqual([lineIndex]);
    expect(describeDifferences(differences)).toContain(`line ${lineIndex + 1}: card [`);
  });
});

function report(results: readonly Compared[]): string {
  const out: string[] = [];
  for (const { entry, card, cardLines, browserLines, differences, missing, browser } of results) {
    const verdict = missing.length > 0 ? `no font for ${missing.join(' ')}` : differences.length ? 'DIFFERS' : 'same';
    out.push(`## ${entry.id} (${entry.language}, ${card.fontSize}px): ${verdict}`);
    out.push(
      `fonts: ${browser.fonts.map((font) => `${font.familyName}${font.isCustomFont ? '' : ' (system)'} ×${font.glyphCount}`).join(', ')}`,
    );
    for (let line = 0; line < Math.max(cardLines.length, browserLines.length); line++) {
      out.push(`card    ${line + 1}: ${(cardLines[line] ?? []).join(' | ')}`);
      out.push(`browser ${line + 1}: ${(browserLines[line] ?? []).join(' | ')}`);
    }
    out.push('');
  }
  return out.join('\n');
}

describe('reading satori pieces back (no browser)', () => {
  const text = (x: number, y: number, content: string) =>
    `<text x="${x}" y="${y}" width="10" height="20">${content}</text>`;

  it('matches pieces to the headline across marks the renderer inserted, and orders each line by x', () => {
    // A right-to-left line as satori draws it: pieces in logical order, placed right to left, with an RLM after "12%".
    const svg = `<svg>${text(90, 40, 'שלום')}${text(80, 40, ' ')}${text(60, 40, '12')}${text(50, 40, '%\u200F')}${text(40, 40, ' ')}${text(0, 90, 'A&amp;B')}</svg>`;
    const { words, placed } = readPieces(svg, 'שלום 12% A&B');
    expect(words.map((word) => [word.start, word.end, word.text])).toEqual([
      [0, 4, 'שלום'],
      [5, 7, '12'],
      [7, 8, '%'],
      [9, 12, 'A&B'],
    ]);
    expect(toVisualLines(placed, 50)).toEqual([['%', '12', 'שלום'], ['A&B']]);
  });

  it('refuses pieces that are not the headline (an ellipsis of a clamped line, a changed character)', () => {
    expect(() => readPieces(`<svg>${text(0, 40, 'Hello…')}</svg>`, 'Hello world')).toThrow(/does not continue/);
    expect(() => readPieces(`<svg>${text(0, 40, 'Hello')}</svg>`, 'Hello world')).toThrow(/missing " world"/);
  });

  it('an emoji picture stands for one whole grapheme, ZWJ sequence and all', () => {
    const family = '👨‍👩‍👧';
    const svg = `<svg>${text(0, 40, 'Day')}${text(40, 40, ' ')}<image x="50" y="10" width="40" height="40" href="data:image/svg+xml;base64,AA"/></svg>`;
    const { words } = readPieces(svg, `Day ${family}`);
    expect(words.at(-1)).toEqual({
      start: 4,
      end: 4 + family.length,
      text: family,
      image: 'data:image/svg+xml;base64,AA',
    });
  });
});
