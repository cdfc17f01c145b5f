import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFonts } from '../../src/cards/index.js';
import { readPieces } from '../helpers/card-headline-layout.js';
import { type ChromiumSession, launchChromium } from '../helpers/chromium.js';
import { type Compared, compareWithChromium, comparisonReport } from '../helpers/chromium-compare.js';
import { compareLines, describeDifferences, groupLines, laidOut, toVisualLines } from '../helpers/visual-lines.js';
import { FONTS_DIR } from './card-fixtures.js';
import { WORLD_HEADLINES, worldSpec } from './world-corpus.js';
import { KNOWN_DIFFERENCES } from './world-known-differences.js';

/**
 * Ground truth from a real browser (issue 7): every corpus headline is laid out by the card renderer (satori, as the
 * photo card lays out its headline, at the size the card's fitting picks) and by Debian's Chromium with the same font
 * files, in a box of the same width, font size, line height and letter spacing, set as a good page sets that language
 * (direction, start alignment, word-break: see browserReference). Per line, the words, their visual order and the
 * edge the line sits against must be the same.
 */

describe('world headlines: card layout against Chromium', () => {
  let chromium: ChromiumSession | undefined;
  const results = new Map<string, Compared>();

  beforeAll(async () => {
    const loaded = await loadFonts(FONTS_DIR);
    chromium = await launchChromium();
    const cases = WORLD_HEADLINES.map((entry) => ({ id: entry.id, language: entry.language, spec: worldSpec(entry) }));
    for (const result of await compareWithChromium(chromium.page, loaded, cases)) results.set(result.id, result);
  }, 300_000);

  afterAll(async () => {
    await chromium?.close();
    // WORLD_REPORT=path: every headline's lines as both drew them; WORLD_KNOWN=path: today's differences as JSON, by
    // id, to bring KNOWN_DIFFERENCES up to date after looking at each.
    if (process.env.WORLD_REPORT) writeFileSync(process.env.WORLD_REPORT, comparisonReport([...results.values()]));
    if (process.env.WORLD_KNOWN) {
      const known = [...results.values()]
        .filter((result) => result.differences.length > 0)
        .map((result) => [result.id, describeDifferences(result.differences)]);
      writeFileSync(process.env.WORLD_KNOWN, JSON.stringify(Object.fromEntries(known), null, 2));
    }
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

  it('every known difference names a corpus headline', () => {
    const ids = new Set(WORLD_HEADLINES.map((entry) => entry.id));
    expect(Object.keys(KNOWN_DIFFERENCES).filter((id) => !ids.has(id))).toEqual([]);
  });

  for (const entry of WORLD_HEADLINES) {
    const known = KNOWN_DIFFERENCES[entry.id];
    const title = known
      ? `${entry.id} (${entry.language}) differs from Chromium only as known: ${known.reason}`
      : `${entry.id} (${entry.language}): the card's lines, word order and alignment are Chromium's`;
    it(title, () => {
      const result = results.get(entry.id)!;
      // Same font files on both sides: the card's fonts cover every character, and Chromium drew every glyph from
      // them, none from the system.
      expect(result.missing, 'characters no card font has').toEqual([]);
      expect(result.systemFonts, 'system fonts Chromium used').toEqual([]);
      expect(result.cardLayout.lines.length).toBeGreaterThan(0);
      expect(describeDifferences(result.differences)).toBe(known?.lines ?? '');
    });
  }

  it('the comparison fails on a deliberately wrong order: one line of the card mirrored', () => {
    const result = [...results.values()].find(
      (candidate) => candidate.differences.length === 0 && candidate.cardLayout.lines.some((line) => line.length >= 3),
    );
    expect(result, 'a headline that matches Chromium, with a line of three words or more').toBeDefined();
    const { card, browserLayout, cardLayout } = result!;
    const lineIndex = cardLayout.lines.findIndex((line) => line.length >= 3);
    // Mirror that line's pieces inside the box, as a renderer that forgot to reorder (or reordered twice) would.
    const onLine = new Set(groupLines(card.placed, card.lineHeight)[lineIndex]);
    const mirrored = card.placed.map((piece) =>
      onLine.has(piece) ? { ...piece, left: card.width - piece.right, right: card.width - piece.left } : piece,
    );
    const wrong = laidOut(mirrored, card.lineHeight, card.width);
    expect(toVisualLines(mirrored, card.lineHeight)[lineIndex]).toEqual([...cardLayout.lines[lineIndex]!].reverse());
    const differences = compareLines(wrong, browserLayout);
    expect(differences.map((difference) => difference.line)).toEqual([lineIndex]);
    expect(describeDifferences(differences)).toContain(`line ${lineIndex + 1}: card [`);
  });

  it('the comparison fails on a line set against the wrong edge', () => {
    const result = [...results.values()].find(
      (candidate) => candidate.differences.length === 0 && candidate.cardLayout.sides.at(-1) !== 'both',
    );
    expect(result, 'a headline that matches Chromium, with a short last line').toBeDefined();
    const { card, browserLayout, cardLayout } = result!;
    const last = cardLayout.lines.length - 1;
    const onLine = groupLines(card.placed, card.lineHeight)[last]!;
    // Move the whole last line, order kept, to the other edge: right-aligned where it should be left, or the reverse.
    const shift =
      cardLayout.sides[last] === 'left'
        ? card.width - Math.max(...onLine.map((piece) => piece.right))
        : -Math.min(...onLine.map((piece) => piece.left));
    const moved = card.placed.map((piece) =>
      onLine.includes(piece) ? { ...piece, left: piece.left + shift, right: piece.right + shift } : piece,
    );
    const differences = compareLines(laidOut(moved, card.lineHeight, card.width), browserLayout);
    expect(differences.map((difference) => difference.line)).toEqual([last]);
    expect(describeDifferences(differences)).toMatch(/card flush (left|right), browser flush (left|right)\)$/);
  });
});

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
