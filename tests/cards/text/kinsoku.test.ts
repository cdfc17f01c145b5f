import satori, { type Font } from 'satori';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFonts, prepareText } from '../../../src/cards/index.js';
import { FONTS_DIR } from '../card-fixtures.js';

/**
 * Chinese and Japanese line breaking is satori's own (UAX #14 through its line breaker): the pre-pass adds nothing
 * to it. This pins what it does, so a satori upgrade that stops doing it fails here: no line starts with closing
 * punctuation (UAX #14 classes CL, CP, EX, IS: 、。」）！), and no line ends with an opening bracket.
 */
let fonts: Font[];
beforeAll(async () => {
  fonts = (await loadFonts(FONTS_DIR)).fonts;
});

async function lines(text: string, width: number): Promise<string[]> {
  const svg = await satori(
    { type: 'div', props: { style: { display: 'flex', width, fontSize: 20 }, children: text } },
    { width, height: 2000, fonts, embedFont: false },
  );
  const byLine = new Map<number, Array<{ x: number; text: string }>>();
  for (const match of svg.matchAll(/<text x="([-\d.]+)" y="([-\d.]+)"[^>]*>([^<]*)<\/text>/g)) {
    const y = Number(match[2]);
    byLine.set(y, [...(byLine.get(y) ?? []), { x: Number(match[1]), text: match[3]! }]);
  }
  return [...byLine.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, pieces]) =>
      pieces
        .sort((a, b) => a.x - b.x)
        .map((piece) => piece.text)
        .join('')
        .trim(),
    );
}

const HEADLINES = [
  '东京奥运会开幕式今晚举行，观众人数创下历史新高。「这是我们的时刻」，组委会主席说。',
  '台北捷運新路線今日通車，市長表示：「這是市民期待已久的一天」（記者會）。',
  '東京都知事選、投票率は過去最高に。「若者の関心」高まる（速報）！',
];

describe('kinsoku in satori’s CJK line breaking', () => {
  it.each(HEADLINES)(
    'never starts a line with closing punctuation: %s',
    async (headline) => {
      const { text } = prepareText(headline);
      let broken = 0;
      for (let width = 120; width <= 400; width += 20) {
        const laidOut = await lines(text, width);
        broken += laidOut.length - 1;
        for (const line of laidOut.slice(1))
          expect(line, `width ${width}: ${laidOut.join(' | ')}`).not.toMatch(/^[、。，．：；」』）！？]/u);
        for (const line of laidOut.slice(0, -1)) expect(line, `width ${width}`).not.toMatch(/[「『（]$/u);
      }
      expect(broken).toBeGreaterThan(10);
    },
    60_000,
  );
});
