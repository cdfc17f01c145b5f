import { beforeAll, describe, expect, it } from 'vitest';
import { type CardComposer, createCardComposer, type RenderJob } from '../../src/cards/compose/compose-card.js';
import { CARD_WIDTH, type CardSpec, loadFonts } from '../../src/cards/index.js';
import { FONTS_DIR, makeSpec } from './card-fixtures.js';

interface TextBox {
  x: number;
  y: number;
  width: number;
  text: string;
}

/** satori's <text> pieces of a layout drawn with `embedFont: false`, in document order. */
function textBoxes(svg: string): TextBox[] {
  return [...svg.matchAll(/<text x="([^"]+)" y="([^"]+)" width="([^"]+)"[^>]*>([^<]*)<\/text>/g)].map(
    ([, x, y, width, text]) => ({ x: Number(x), y: Number(y), width: Number(width), text: text! }),
  );
}

const INVISIBLE = /[\u200B\u200E\u200F\u061C\u2066-\u2069]/g;

/** The text of each line (by baseline) that holds `script`, pieces joined in document order, marks removed. */
function rowsOf(boxes: TextBox[], script: RegExp): Map<number, string> {
  const rows = new Map<number, string>();
  for (const box of boxes) rows.set(box.y, (rows.get(box.y) ?? '') + box.text.replace(INVISIBLE, ''));
  for (const [y, text] of rows) if (!script.test(text)) rows.delete(y);
  return rows;
}

describe('cards laid out in the script’s direction', () => {
  let composer: CardComposer;
  beforeAll(async () => {
    const loaded = await loadFonts(FONTS_DIR);
    composer = createCardComposer(loaded.fonts, loaded.catalog);
  });

  async function layout(spec: CardSpec) {
    const job: RenderJob = { spec, template: spec.template, format: 'png' };
    const { svg } = await composer.layout(job, false);
    return textBoxes(svg).filter((box) => box.text.replace(INVISIBLE, '').trim() !== '');
  }

  const arabic = 'ارتفاع أسعار النفط بعد قرار أوبك خفض الإنتاج';
  for (const template of ['plain', 'photo'] as const) {
    it(`${template}: a right-to-left headline is right-aligned and the labels are mirrored`, async () => {
      const base = { template, section: 'اقتصاد', credit: 'Reuters', siteName: 'Daily' } as const;
      const rtl = await layout(makeSpec({ ...base, headline: arabic, language: 'ar' }));
      const ltr = await layout(makeSpec({ ...base, headline: 'Oil prices rise after OPEC decision', language: 'en' }));
      const right = (boxes: TextBox[]) => Math.max(...boxes.map((box) => box.x + box.width));
      const left = (boxes: TextBox[]) => Math.min(...boxes.map((box) => box.x));
      const headlineOf = (boxes: TextBox[], words: string[]) =>
        boxes.filter((box) => words.some((word) => box.text.includes(word)));
      const rtlHeadline = headlineOf(rtl, arabic.split(' '));
      const ltrHeadline = headlineOf(ltr, ['Oil', 'prices', 'OPEC']);
      // The headline's first line ends at the block's right edge right to left, starts at its left edge left to right.
      const rtlFirst = rtlHeadline.filter((box) => box.y === Math.min(...rtlHeadline.map((b) => b.y)));
      expect(CARD_WIDTH - right(rtlFirst)).toBeLessThan(100);
      expect(left(ltrHeadline)).toBeLessThan(100);
      // The site name moves from the left corner to the right one.
      const name = (boxes: TextBox[]) => boxes.find((box) => box.text === 'Daily')!;
      expect(name(ltr).x).toBeLessThan(200);
      expect(name(rtl).x + name(rtl).width).toBeGreaterThan(CARD_WIDTH - 200);
      // The section label is on the inner side of the name: after it left to right, before it (to its left) right to left.
      const section = (boxes: TextBox[]) => boxes.find((box) => box.text.includes('اقتصاد'))!;
      expect(section(ltr).x).toBeGreaterThan(name(ltr).x);
      expect(section(rtl).x).toBeLessThan(name(rtl).x);
      if (template === 'photo') {
        const credit = (boxes: TextBox[]) => boxes.find((box) => box.text.includes('Reuters'))!;
        expect(credit(ltr).x).toBeGreaterThan(CARD_WIDTH / 2);
        expect(credit(rtl).x).toBeLessThan(CARD_WIDTH / 2);
      }
    }, 60_000);
  }

  it('keeps Korean words whole (keep-all)', async () => {
    const headline = '서울시, 내년부터 대중교통 요금 인상 계획 발표하고 시민 의견 수렴 나서기로 결정';
    const boxes = await layout(makeSpec({ template: 'plain', headline, language: 'ko', credit: undefined }));
    const rows = rowsOf(boxes, /\p{Script=Hangul}/u);
    expect(rows.size).toBeGreaterThan(1);
    // satori draws no pieces for spaces: every line must end where a word ends.
    const wordEnds = new Set<number>();
    let length = 0;
    for (const word of headline.split(' ')) {
      length += word.length;
      wordEnds.add(length);
    }
    let drawn = 0;
    for (const line of rows.values()) {
      drawn += line.replace(/\s/g, '').length;
      expect(wordEnds.has(drawn), `a line ends inside a word: "${line}"`).toBe(true);
    }
    expect(drawn).toBe(length);
  }, 60_000);

  it('breaks Japanese between phrases only', async () => {
    const headline = '日本銀行が金融政策の変更を発表、円相場は一時大きく値上がりし市場関係者の間で驚きが広がった';
    const spec = makeSpec({ template: 'plain', headline, language: 'ja', credit: undefined });
    const boxes = await layout(spec);
    const rows = rowsOf(boxes, /\p{Script=Han}|\p{Script=Hiragana}/u);
    expect(rows.size).toBeGreaterThan(1);
    const { prepareText } = await import('../../src/cards/text/index.js');
    const phrases = prepareText(headline, 'ja').phrases!.map((phrase) => phrase.replace(INVISIBLE, ''));
    // Each line is a run of whole phrases.
    for (const line of rows.values()) {
      let rest = line;
      while (rest) {
        const phrase = phrases.find((p) => p && rest.startsWith(p));
        expect(phrase, `a phrase at "${rest}"`).toBeDefined();
        rest = rest.slice(phrase!.length);
      }
    }
  }, 60_000);
});
