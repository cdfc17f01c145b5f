import type { Font } from 'satori';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFonts } from '../../../src/cards/index.js';
import { insertBidiMarks } from '../../../src/cards/text/bidi-marks.js';
import type { Direction } from '../../../src/cards/text/index.js';
import { resolveUbaLevels, visualOrder } from '../../../src/cards/text/uba.js';
import { FONTS_DIR } from '../card-fixtures.js';
import { satoriPieceOrder, stripMarks, ubaPieceOrder } from './satori-order.js';

/**
 * Mixed-direction news lines. `stockWrong`: satori 0.63.2 without the pre-pass orders the line differently from the
 * UBA (measured below, so the comparison is shown to fail where it should).
 */
const LINES: ReadonlyArray<{ text: string; direction: Direction; stockWrong: boolean }> = [
  { text: 'המניה עלתה ב-12% אחרי הדוחות', direction: 'rtl', stockWrong: true },
  { text: 'מכבי ניצחה 89:76 את הפועל', direction: 'rtl', stockWrong: true },
  { text: 'הבחירות ייערכו ב-12/05/2025 בשעה 10:30', direction: 'rtl', stockWrong: true },
  { text: 'בין השנים 2020-2024 גדל השוק', direction: 'rtl', stockWrong: true },
  { text: 'שיתוף פעולה עם Microsoft (Azure) החל', direction: 'rtl', stockWrong: true },
  { text: 'המחיר ירד ל-₪3.5 מיליון', direction: 'rtl', stockWrong: true },
  { text: 'סיכום: 100% הצלחה!', direction: 'rtl', stockWrong: true },
  { text: 'החגיגות החלו 🎉 ב-20:00', direction: 'rtl', stockWrong: true },
  { text: 'الانتخابات في 12/05/2025 الساعة 10:30', direction: 'rtl', stockWrong: true },
  { text: 'أرقام عربية: ١٢٪ و٨٩:٧٦', direction: 'rtl', stockWrong: true },
  { text: 'جلسه ساعت 10:30 در تهران برگزار شد', direction: 'rtl', stockWrong: true },
  { text: 'Apple משיקה את iPhone 16 בישראל', direction: 'rtl', stockWrong: false },
  { text: 'פרטים באתר www.gov.il/news מחר', direction: 'rtl', stockWrong: false },
  { text: '"ציטוט" אמר השר (בכנסת).', direction: 'rtl', stockWrong: false },
  { text: 'Windows 11 (גרסה 24H2) זמינה', direction: 'rtl', stockWrong: false },
  { text: 'ارتفع المؤشر 3.5% إلى 12,000 نقطة', direction: 'rtl', stockWrong: false },
  { text: 'فاز الأهلي 3-1 على الزمالك في القاهرة', direction: 'rtl', stockWrong: false },
  { text: 'الفوز 🎉🔥 بنسبة 100%', direction: 'rtl', stockWrong: false },
  { text: 'قیمت دلار به ۵۸٬۰۰۰ تومان رسید', direction: 'rtl', stockWrong: false },
  { text: 'Talks with محمد بن سلمان on 12 March', direction: 'ltr', stockWrong: false },
  { text: 'Netanyahu (נתניהו) meets Biden at 10:30', direction: 'ltr', stockWrong: false },
];

let fonts: Font[];
beforeAll(async () => {
  fonts = (await loadFonts(FONTS_DIR)).fonts;
});

describe('insertBidiMarks', () => {
  it.each(LINES)('only inserts LRM/RLM into $text', ({ text, direction }) => {
    const marked = insertBidiMarks(text, direction);
    expect(stripMarks(marked)).toBe(text);
    expect(marked.replace(/[^\u200e\u200f]/g, '').length).toBe(marked.length - text.length);
  });

  it.each(LINES)('makes satori lay $text out in the UBA’s order', async ({ text, direction }) => {
    const marked = insertBidiMarks(text, direction);
    const laidOut = await satoriPieceOrder(marked, direction, fonts);
    expect(laidOut.leftToRight.map(stripMarks)).toEqual(ubaPieceOrder(text, laidOut.pieces, direction).map(stripMarks));
  });

  it.each(LINES)('the comparison tells stock satori’s order of $text apart when it is wrong', async (line) => {
    const stock = await satoriPieceOrder(line.text, line.direction, fonts);
    const matches =
      JSON.stringify(stock.leftToRight) === JSON.stringify(ubaPieceOrder(line.text, stock.pieces, line.direction));
    expect(matches).toBe(!line.stockWrong);
  });

  it('gives satori-only text: a browser would show the marked 89:76 reversed, so tags and alt text keep the raw one', () => {
    const text = 'מכבי ניצחה 89:76 את הפועל';
    const marked = insertBidiMarks(text, 'rtl');
    const rawIndex: number[] = [];
    for (let i = 0, raw = 0; i < marked.length; i++) rawIndex.push(marked[i] === text[raw] ? raw++ : -1);
    const browserOrderOfMarked = visualOrder(marked, 'rtl')
      .map((index) => rawIndex[index]!)
      .filter((index) => index >= 0);
    // The LRM after the colon breaks UAX #9 W4 (EN CS EN) for a real bidi implementation; satori has no W4.
    expect(browserOrderOfMarked).not.toEqual(visualOrder(text, 'rtl'));
    expect(marked).toBe('מכבי ניצחה 89:\u200e76 את הפועל');
  });

  it('puts the fix for 12% inside Hebrew right after the percent sign', () => {
    expect(insertBidiMarks('המניה עלתה ב-12% אחרי הדוחות', 'rtl')).toBe('המניה עלתה ב-12%\u200e אחרי הדוחות');
  });

  it('leaves text alone that satori already orders right, and LTR text without RTL characters', () => {
    for (const text of ['Apple משיקה את iPhone 16 בישראל', 'Fans go wild 🎉🔥 at 10:30 (Wembley)', '12/05/2025']) {
      const direction: Direction = /[\u0590-\u05ff]/.test(text) ? 'rtl' : 'ltr';
      expect(insertBidiMarks(text, direction)).toBe(text);
    }
  });

  it('adds no mark where none helps: a Hebrew score inside an English line needs level 2 (TYPOGRAPHY-NOTES)', () => {
    expect(insertBidiMarks('Score: מכבי 89:76 הפועל', 'ltr')).toBe('Score: מכבי 89:76 הפועל');
  });
});

describe('UBA levels with astral characters', () => {
  it('types an emoji as the neutral it is, not as the L bidi-js gives lone surrogates', () => {
    const text = 'שלום 😀 עולם';
    const levels = resolveUbaLevels(text, 'rtl');
    const emoji = text.indexOf('😀');
    expect([levels[emoji], levels[emoji + 1]]).toEqual([1, 1]);
  });

  it('keeps a surrogate pair in logical order when its run is reversed', () => {
    const text = 'שלום 😀 עולם';
    const order = visualOrder(text, 'rtl');
    const emoji = text.indexOf('😀');
    const at = order.indexOf(emoji);
    expect(order[at + 1]).toBe(emoji + 1);
    expect(order.map((index) => text[index]).join('')).toContain('😀');
  });
});
