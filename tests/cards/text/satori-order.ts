import satori, { type Font } from 'satori';
import type { Direction } from '../../../src/cards/text/index.js';
import { visualOrder } from '../../../src/cards/text/uba.js';

/**
 * Reads back the order satori 0.63.2 lays a one-line text out in: with `embedFont: false` it writes one `<text x=…>`
 * per piece (word segment, space or punctuation), in logical order, at its laid-out position. No font for the
 * script is needed for this: missing glyphs still get an advance and a position.
 */
export async function satoriPieceOrder(
  text: string,
  direction: Direction,
  fonts: Font[],
): Promise<{ pieces: string[]; leftToRight: string[] }> {
  const svg = await satori(
    {
      type: 'div',
      props: {
        style: {
          display: 'flex',
          width: 4000,
          direction,
          textAlign: direction === 'rtl' ? 'right' : 'left',
          fontSize: 20,
        },
        children: text,
      },
    },
    { width: 4000, height: 100, fonts, embedFont: false },
  );
  const placed = [...svg.matchAll(/<text x="([-\d.]+)"[^>]*>([^<]*)<\/text>/g)].map((match) => ({
    x: Number(match[1]),
    text: decodeXml(match[2]!),
  }));
  return {
    pieces: placed.map((piece) => piece.text),
    leftToRight: [...placed].sort((a, b) => a.x - b.x).map((piece) => piece.text),
  };
}

/**
 * The left-to-right order of the same pieces as the Unicode Bidirectional Algorithm (bidi-js) puts them for the raw
 * text, as a browser shows it: each piece sits where its first character lands in the UBA's visual order. `pieces`
 * are satori's pieces in logical order, possibly with LRM/RLM marks that `raw` lacks.
 */
export function ubaPieceOrder(raw: string, pieces: readonly string[], direction: Direction): string[] {
  const position = new Map<number, number>();
  for (const [rank, index] of visualOrder(raw, direction).entries()) position.set(index, rank);
  let at = 0;
  const ranked = pieces.map((piece) => {
    let rank = Number.POSITIVE_INFINITY;
    for (const char of piece) {
      if (raw.startsWith(char, at)) {
        for (let unit = 0; unit < char.length; unit++) rank = Math.min(rank, position.get(at + unit) ?? rank);
        at += char.length;
      } else if (char !== '\u200e' && char !== '\u200f' && char !== '\u200b') {
        throw new Error(`piece ${JSON.stringify(piece)} does not follow the raw text at ${at}: ${JSON.stringify(raw)}`);
      }
    }
    return { piece, rank };
  });
  if (at !== raw.length)
    throw new Error(`satori's pieces cover ${at} of ${raw.length} units of ${JSON.stringify(raw)}`);
  return ranked.sort((a, b) => a.rank - b.rank).map(({ piece }) => piece);
}

export function stripMarks(text: string): string {
  return text.replace(/[\u200e\u200f]/g, '');
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&amp;/g, '&');
}
