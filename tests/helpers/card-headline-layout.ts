import satori, { type Font } from 'satori';
import { createCardComposer } from '../../src/cards/compose/compose-card.js';
import { createFontAssets } from '../../src/cards/fonts/font-assets.js';
import type { LoadedFonts } from '../../src/cards/fonts/fonts.js';
import type { CardSpec, CardTemplate } from '../../src/cards/spec.js';
import { type CardElement, headlineProbe, TEMPLATES, templateInput } from '../../src/cards/templates/index.js';
import type { PlacedWord, Word } from './visual-lines.js';

/**
 * One headline laid out the way the card lays it out (the template's headline block at the size the card's fitting
 * picks), with what the card renderer drew read back from satori's SVG: with `embedFont: false` satori writes one
 * `<text x y width>` per word-segmenter piece (and an `<image>` per emoji), in logical order, at its final position.
 */
export interface CardHeadlineLayout {
  /** The headline as the template received it (spaces collapsed), before any preparation for satori. */
  headline: string;
  template: CardTemplate;
  /** The headline block at the fitted size, unclamped: what the browser is given too. */
  element: CardElement;
  fontSize: number;
  /** Line height in px. */
  lineHeight: number;
  width: number;
  svg: string;
  /** satori's pieces, as ranges of `headline` (invisible marks the renderer inserted are not part of any). */
  words: Word[];
  placed: PlacedWord[];
  /**
   * The fonts satori had for this headline, in the order it had them: the base fonts, then those its
   * `loadAdditionalAsset` handed over for the headline's scripts (a fresh worker's choice, by the card's language).
   */
  fonts: Font[];
}

/**
 * Characters a text preparation pass may insert for satori's sake (bidi marks and isolates, zero-width spaces, word
 * joiners) and that draw nothing: they are skipped when satori's pieces are matched back to the headline.
 * ZWJ and ZWNJ are not among them: they belong to the text (emoji sequences, Persian words).
 */
const INSERTED = /[\u200B\u200E\u200F\u061C\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/gu;

export interface HeadlineLayouter {
  layout(spec: CardSpec): Promise<CardHeadlineLayout>;
}

/**
 * Lays headlines out as the card renderer does: the composer (src/cards/compose/compose-card.ts) picks the size, then the
 * template's headline probe at that size goes through satori with the renderer's fonts and its lazy asset loader
 * (src/cards/fonts/font-assets.ts). Each headline starts from a fresh font engine and loader, as in a fresh render worker,
 * so the fonts it needed are exactly those the loader handed over for it. (The golden images go through the real
 * worker pool, where one worker draws every script in turn.)
 */
export function createHeadlineLayouter(loaded: LoadedFonts): HeadlineLayouter {
  const composer = createCardComposer(loaded.fonts, loaded.catalog);
  const fontFamily = loaded.fonts[0]?.name ?? 'sans-serif';
  return {
    async layout(spec) {
      const { headline: fitted } = await composer.layout({ spec, template: spec.template, format: 'png' }, false);
      const input = templateInput(spec, fontFamily, undefined);
      const element = headlineProbe(spec.template, input, fitted.fontSize);
      const style = element.props.style ?? {};
      const width = Number(style.width ?? TEMPLATES[spec.template].blockWidth);
      // satori keeps one font engine per set of font buffers (by identity), with every font its loader returned
      // registered on it: copies of the base fonts' bytes give this headline an engine of its own.
      const fonts = loaded.fonts.map((font) => ({ ...font, data: Buffer.from(font.data as ArrayBuffer) }));
      const handedOver: Font[] = [];
      const loader = createFontAssets(loaded.catalog).loaderFor(input.cjk);
      const svg = await satori(element, {
        width,
        fonts,
        embedFont: false,
        loadAdditionalAsset: async (code, segment) => {
          const asset = await loader(code, segment);
          if (typeof asset !== 'string') handedOver.push(...asset);
          return asset;
        },
      });
      const lineHeight = fitted.fontSize * Number(style.lineHeight ?? 1.2);
      const { words, placed } = readPieces(svg, input.headline);
      return {
        headline: input.headline,
        template: spec.template,
        element,
        fontSize: fitted.fontSize,
        lineHeight,
        width,
        svg,
        words,
        placed,
        fonts: [...fonts, ...handedOver],
      };
    },
  };
}

interface Piece {
  kind: 'text' | 'image';
  x: number;
  y: number;
  width: number;
  /** A text piece's characters; an image's href. */
  text: string;
}

/** satori's `<text>` and `<image>` elements in document order. */
export function svgPieces(svg: string): Piece[] {
  const pieces: Piece[] = [];
  for (const match of svg.matchAll(/<text\b([^>]*)>([^<]*)<\/text>|<image\b([^>]*?)\/?>/g)) {
    const attributes = match[1] ?? match[3] ?? '';
    const attribute = (name: string) => new RegExp(`[\\s:]${name}="([^"]*)"`).exec(attributes)?.[1];
    const image = match[1] === undefined;
    pieces.push({
      kind: image ? 'image' : 'text',
      x: Number(attribute('x') ?? Number.NaN),
      // An image's y is its top; a text's its baseline: the image's centre line is near enough its line's baseline.
      y: Number(attribute('y') ?? Number.NaN) + (image ? Number(attribute('height') ?? 0) / 2 : 0),
      width: Number(attribute('width') ?? Number.NaN),
      text: decodeEntities((image ? attribute('href') : match[2]) ?? ''),
    });
  }
  return pieces;
}

/**
 * Matches satori's pieces back to ranges of the headline, walking both in logical order. An `<image>` stands for
 * one emoji grapheme. Whitespace-only pieces are matched but are not words. Throws, naming the piece, when satori drew
 * something that is not the headline (a clamped ellipsis, a changed character): the comparison would be meaningless.
 */
export function readPieces(svg: string, headline: string): { words: Word[]; placed: PlacedWord[] } {
  const graphemes = [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(headline)];
  const words: Word[] = [];
  const placed: PlacedWord[] = [];
  let cursor = 0;
  const skipInserted = () => {
    while (cursor < headline.length && headline[cursor]!.replace(INSERTED, '') === '') cursor++;
  };
  for (const piece of svgPieces(svg)) {
    skipInserted();
    const start = cursor;
    if (piece.kind === 'image') {
      const grapheme = graphemes.find((g) => g.index === cursor);
      if (!grapheme) throw new Error(`satori drew an image at x=${piece.x} where the headline has no grapheme start`);
      cursor += grapheme.segment.length;
    } else {
      for (const char of piece.text.replace(INSERTED, '')) {
        skipInserted();
        if (!headline.startsWith(char, cursor)) {
          throw new Error(
            `satori's piece ${JSON.stringify(piece.text)} does not continue the headline at ${cursor}: ` +
              `expected ${JSON.stringify(headline.slice(cursor, cursor + 12))}`,
          );
        }
        cursor += char.length;
      }
    }
    const text = headline.slice(start, cursor);
    if (cursor === start || text.trim() === '') continue;
    placed.push({ word: words.length, text, y: piece.y, left: piece.x, right: piece.x + piece.width });
    words.push({ start, end: cursor, text, ...(piece.kind === 'image' ? { image: piece.text } : {}) });
  }
  skipInserted();
  if (cursor !== headline.length) {
    throw new Error(
      `satori drew ${cursor} of ${headline.length} characters: missing ${JSON.stringify(headline.slice(cursor))}`,
    );
  }
  return { words, placed };
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[\da-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, entity: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (entity[0] !== '#') return named[entity.toLowerCase()]!;
    return String.fromCodePoint(
      entity[1] === 'x' ? Number.parseInt(entity.slice(2), 16) : Number.parseInt(entity.slice(1), 10),
    );
  });
}
