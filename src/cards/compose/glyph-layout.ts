/**
 * The headline block drawn from cached glyph pictures instead of by resvg (this file: the layout, glyph-masks.ts:
 * the pictures).
 *
 * satori turns every glyph of the block into outline path data, and resvg fills those outlines again on every card
 * (~3–6 ms for a 3–4 line headline, then ~1 ms blending its RGBA canvas into the card). A headline is a few dozen
 * distinct glyphs at one size, so each glyph is filled once, at each sub-pixel position it takes, and kept as a
 * coverage mask; a card adds up the masks of its glyphs and paints its colour through them.
 *
 * The positions come from satori itself: patches/satori+0.63.2.patch adds a hook (`__satoriGlyphSink`) that its
 * `getSVG` calls for every glyph it would have turned into path data, with the glyph, its origin and scale. The
 * layout (fonts, shaping, line breaks, clamping, bidi) is entirely satori's. The hook's return value becomes the
 * glyph's "path data": a marker `M<index> 0` (a lone move-to, which draws nothing), so each text <path> of the SVG
 * says which glyphs it holds and in what colour.
 *
 * Exactness: with the patch, satori writes a glyph's coordinates as its origin rounded to 0.1 px plus its outline
 * rounded to 0.1 px, so the glyph at one sub-pixel phase (tenths of a pixel in x and y) is the same outline wherever
 * it stands, shifted by whole pixels, and its mask is what resvg would fill there, bar rounding inside the rasteriser
 * (seen: an edge pixel now and then one sixteenth of coverage apart). Where glyphs' ink shares a pixel, glyphOverlap
 * says how their masks combine. tests/cards/compose-layers.test.ts compares with resvg drawing the whole card; the
 * golden and world tests run through it unchanged.
 */

/** The part of an opentype.js glyph satori hands to the hook: its outline in font units, y up. */
export interface SatoriGlyph {
  path: { commands: PathCommand[] };
  /** The code point the font maps to this glyph (opentype.js): line-bound.ts matches glyphs with the text by it. */
  unicode?: number;
}

export type PathCommand =
  | { type: 'M' | 'L'; x: number; y: number }
  | { type: 'Q'; x1: number; y1: number; x: number; y: number }
  | { type: 'C'; x1: number; y1: number; x2: number; y2: number; x: number; y: number }
  | { type: 'Z' };

/** The hook's signature, as the patched `getSVG` calls it. */
type GlyphSink = (glyph: SatoriGlyph, x: number, y: number, scale: number, skew: number, bold: boolean) => string;

const SINK = '__satoriGlyphSink';

export interface PlacedGlyph {
  glyph: SatoriGlyph;
  /** Origin in tenths of a pixel, as satori rounds coordinates (its `nr`). */
  x10: number;
  y10: number;
  scale: number;
  skew: number;
}

/** What one satori pass drew, when every part of it can be painted here. */
export interface GlyphDrawing {
  /** How masks whose ink shares a pixel combine (glyphOverlap). */
  overlap: Overlap;
  /** In paint order: solid rectangles (the photo card's accent rule) and text runs of one colour. */
  layers: (
    | { kind: 'rect'; x: number; y: number; width: number; height: number; rgb: Rgb }
    | { kind: 'text'; rgb: Rgb; glyphs: PlacedGlyph[] }
    | EmojiImage
  )[];
}

export type Rgb = readonly [number, number, number];

/**
 * An emoji as satori draws it: an <image> of the grapheme's picture (a data: URI from fonts/emoji.ts) in a box one
 * em wide and one line high, at fractional coordinates. Painted from a cached raster (glyph-masks.ts).
 */
export interface EmojiImage {
  kind: 'image';
  href: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Runs `draw` (one satori call with `embedFont: true`) with the glyph hook installed, and reads what it drew: the
 * SVG (whose text paths are markers, not outlines) and, when every part of it can be painted here, its layers.
 * `drawing` is undefined when the SVG holds anything else (a picture that is not a data: URI, a clip, a shadow,
 * translucent or synthetic-bold text…): the caller then draws the block the ordinary way.
 *
 * The hook is process-wide and satori awaits (font and emoji loading) inside a call: the caller makes sure no other
 * satori call with `embedFont: true` runs meanwhile (compose-card.ts draws one card at a time).
 */
export async function drawGlyphs(draw: () => Promise<string>, overlap: Overlap): Promise<GlyphLayout> {
  const glyphs: PlacedGlyph[] = [];
  let bold = false;
  const sink: GlyphSink = (glyph, x, y, scale, skew, synthetic) => {
    if (synthetic) bold = true;
    glyphs.push({ glyph, x10: tenths(x), y10: tenths(y), scale, skew });
    return `M${glyphs.length - 1} 0`;
  };
  const svg = await withGlyphSink(sink, draw);
  const drawing = bold ? undefined : readDrawing(svg, glyphs, overlap);
  return drawing ? { svg, outlines: false, drawing } : { svg, outlines: false };
}

/** A satori pass's SVG, with glyph outlines or with glyph markers (drawGlyphs), and its layers when paintable. */
export interface GlyphLayout {
  svg: string;
  outlines: boolean;
  drawing?: GlyphDrawing;
}

/**
 * The text's length laid out, at least: per line, from its first glyph origin to its last, summed over the lines. A
 * glyph is on the line whose baseline (the first glyph's plus whole line heights) is nearest, a mark positioned up or
 * down (Bengali's vowel signs) within a quarter line of it; undefined if one is farther (lines cannot be told apart).
 */
export function textLength(drawing: GlyphDrawing, lineHeight: number): number | undefined {
  const pitch = lineHeight * PHASES;
  const lines = new Map<number, { min: number; max: number }>();
  let first: number | undefined;
  for (const layer of drawing.layers) {
    if (layer.kind !== 'text') continue;
    for (const { x10, y10 } of layer.glyphs) {
      first ??= y10;
      const index = Math.round((y10 - first) / pitch);
      if (Math.abs(y10 - first - index * pitch) >= pitch / 4) return undefined;
      const line = lines.get(index);
      if (!line) lines.set(index, { min: x10, max: x10 });
      else {
        line.min = Math.min(line.min, x10);
        line.max = Math.max(line.max, x10);
      }
    }
  }
  return [...lines.values()].reduce((sum, { min, max }) => sum + max - min, 0) / PHASES;
}

/**
 * How a text's glyph masks are combined where their ink shares a pixel, or undefined to leave the text to resvg.
 * - `add`: Latin, Greek, Cyrillic, Hebrew, Thai, Han, kana and Hangul glyphs stand apart and touch at most at an edge
 *   pixel, where their coverages add up as in one outline.
 * - `max`: Arabic letters join, each connecting stroke overlapping its neighbour's; there the larger coverage is the
 *   union's (adding darkened every join's anti-aliased edge; with the larger, 0–5 pixels of a card differ from
 *   resvg's by more than 32 levels, measured on the world corpus).
 * - `union`: Devanagari, Bengali and Tamil run a headstroke and conjuncts through their glyphs and overlap in both ways
 *   at once (either rule left up to 280 pixels beyond 32 levels): glyphs whose ink may share a pixel are filled as
 *   one outline, as resvg fills them (glyph-groups.ts); with Latin words among them too (the union is exact for any).
 * - undefined: any other script is untried.
 */
export function glyphOverlap(text: string): Overlap | undefined {
  // Emoji (Script=Common, with ZWJ and VS16 Inherited) are satori <image>s, painted from cached rasters beside the
  // masks of the text around them: they do not decide how the text's masks combine.
  if (STAND_APART.test(text)) return 'add';
  if (ARABIC.test(text)) return 'max';
  if (INDIC.test(text)) return 'union';
  return undefined;
}

export type Overlap = 'add' | 'max' | 'union';

const STAND_APART =
  /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Hebrew}\p{Script=Thai}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Common}\p{Script=Inherited}]*$/u;
const ARABIC = /^[\p{Script=Arabic}\p{Script=Common}\p{Script=Inherited}]*$/u;
const INDIC =
  /^[\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Tamil}\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]*$/u;

/** One satori layout with `sink` as the glyph hook (process-wide: a second layout meanwhile is refused, see above). */
export async function withGlyphSink(sink: GlyphSink, draw: () => Promise<string>): Promise<string> {
  const global = globalThis as Record<string, unknown>;
  if (global[SINK]) throw new Error('satori glyph hook already installed: two cards are being drawn at once');
  global[SINK] = sink;
  try {
    return await draw();
  } finally {
    delete global[SINK];
  }
}

/** satori's rounding of a coordinate to 0.1 px (half away from zero), as an integer number of tenths. */
export function tenths(value: number): number {
  return value < 0 ? -Math.round(-value * PHASES) : Math.round(value * PHASES);
}
/** Sub-pixel positions per pixel: satori's coordinates are tenths. */
export const PHASES = 10;

const MASK =
  /<mask id="satori_om-id[^"]*"><rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="[\d.]+" fill="#fff"\/><\/mask>/g;
const ELEMENT = /<(rect|path|image)((?:\s+[\w-]+="[^"]*")*)\s*\/>/y;
const ATTRIBUTE = /([\w-]+)="([^"]*)"/g;

/**
 * The SVG's drawing as layers, or undefined if it holds anything else. satori wraps the root's content in unused
 * overflow masks (`satori_om-id…`) and plain groups: those are dropped; any other element or attribute means "draw it with resvg".
 */
function readDrawing(svg: string, glyphs: PlacedGlyph[], overlap: Overlap): GlyphDrawing | undefined {
  const open = /^<svg [^>]*>/.exec(svg);
  if (!open || !svg.endsWith('</svg>')) return undefined;
  // Groups without attributes (satori wraps each text in one) change nothing.
  const body = svg
    .slice(open[0].length, -'</svg>'.length)
    .replace(MASK, '')
    .replace(/<g>|<\/g>/g, '');
  const layers: GlyphDrawing['layers'] = [];
  let used = 0;
  ELEMENT.lastIndex = 0;
  while (ELEMENT.lastIndex < body.length) {
    const start = ELEMENT.lastIndex;
    const match = ELEMENT.exec(body);
    if (!match || match.index !== start) return undefined;
    const attributes = new Map<string, string>();
    for (const [, name, value] of match[2]!.matchAll(ATTRIBUTE)) attributes.set(name!, value!);
    if (match[1] === 'image') {
      const image = readImage(attributes);
      if (!image) return undefined;
      layers.push(image);
      continue;
    }
    const rgb = parseHex(attributes.get('fill'));
    if (!rgb) return undefined;
    if (match[1] === 'rect') {
      const [x, y, width, height] = ['x', 'y', 'width', 'height'].map((name) => Number(attributes.get(name)));
      if (attributes.size !== 5 || ![x, y, width, height].every((n) => Number.isInteger(n))) return undefined;
      layers.push({ kind: 'rect', x: x!, y: y!, width: width!, height: height!, rgb });
    } else {
      if (attributes.size !== 2) return undefined;
      const d = attributes.get('d')!;
      const indices = [...d.matchAll(/M(\d+) 0/g)].map((m) => Number(m[1]));
      if (indices.length === 0 || d.replace(/M\d+ 0/g, '').trim() !== '') return undefined;
      layers.push({ kind: 'text', rgb, glyphs: indices.map((i) => glyphs[i]!) });
      used += indices.length;
    }
  }
  // Every glyph satori placed must be in a path of the SVG (none clipped away or drawn elsewhere).
  return used === glyphs.length ? { overlap, layers } : undefined;
}

/**
 * An emoji <image> as satori writes it (its `WC` for a grapheme image): href, x, y, width, height and nothing else
 * (a transform, clip, mask or filter is left to resvg). Only data: URIs, so painting it never fetches anything.
 */
function readImage(attributes: Map<string, string>): EmojiImage | undefined {
  const href = attributes.get('href');
  if (attributes.size !== 5 || !href?.startsWith('data:image/')) return undefined;
  const [x, y, width, height] = ['x', 'y', 'width', 'height'].map((name) => Number(attributes.get(name) ?? Number.NaN));
  if (![x, y, width, height].every((n) => Number.isFinite(n)) || !(width! > 0 && height! > 0)) return undefined;
  return { kind: 'image', href, x: x!, y: y!, width: width!, height: height! };
}

function parseHex(fill: string | undefined): Rgb | undefined {
  const hex = /^#([\da-f]{6}|[\da-f]{3})$/i.exec(fill ?? '')?.[1];
  if (!hex) return undefined;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  return [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16)) as unknown as Rgb;
}
