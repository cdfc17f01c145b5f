import { LRUCache } from 'lru-cache';
import satori, { type Font } from 'satori';
// The fonts stage by file, not through its index: this runs in the render workers, which must not load the
// manifest's schema that only start-up needs (fonts/index.ts).
import { createFontAssets } from '../fonts/font-assets.js';
import { EMPTY_CATALOG, type FontCatalog } from '../fonts/font-catalog.js';
import { CARD_HEIGHT, CARD_WIDTH, type CardFormat, type CardSpec, type CardTemplate } from '../spec.js';
import {
  type CardElement,
  type CardLogo,
  type FittedHeadline,
  headlineProbe,
  labelLangOf,
  TEMPLATES,
  type TemplateInput,
  templateInput,
} from '../templates/index.js';
import { createBlockLayout } from './block-layout.js';
import { createFrameRenderer } from './card-frame.js';
import { createGlyphPainter } from './glyph-masks.js';
import { blendLayer } from './pixels.js';
import { encodePng } from './png-encoder.js';
import { Resvg } from './resvg.js';

/** Everything a worker needs to draw one card; photo and logo arrive already fetched and processed. */
export interface RenderJob {
  spec: CardSpec;
  /** The template to draw: `plain` for a photo card whose photo could not be had. */
  template: CardTemplate;
  format: CardFormat;
  /**
   * The cropped photo (photo-processor.ts). Between processes the JPEG travels once per worker: later jobs name it by
   * hash only, and a worker that has dropped its decoded copy asks for it again (render-pool.ts).
   */
  photo?: { sha256: string; jpeg?: Buffer };
  logo?: CardLogo;
}

interface ComposedCard {
  bytes: Buffer;
  headline: FittedHeadline;
  timings: { layoutMs: number; rasterMs: number; encodeMs: number };
}

export interface CardComposer {
  compose(job: RenderJob): Promise<ComposedCard>;
  /** Whether the decoded pixels of this photo are at hand, so a job may name it without its JPEG. */
  holdsPhoto(sha256: string): boolean;
  /** The card's satori element and SVG; `embedFont: false` keeps text as <text> elements, for tests. */
  layout(job: RenderJob, embedFont: boolean): Promise<{ element: CardElement; svg: string; headline: FittedHeadline }>;
  /**
   * The headline alone at its fitted size, unclamped, laid out as the fitting lays it out (same fonts, lazily loaded
   * scripts and emoji): text as <text>, emoji as <image>. For comparing the card's lines with a browser's.
   */
  probeHeadline(
    job: RenderJob,
  ): Promise<{ element: CardElement; svg: string; headline: FittedHeadline; width: number }>;
}

// Measured here for a 1200×630 photo card: quality 80 gives ~90 KB; mozjpeg's trellis mode saves ~15 % but costs 4×
// the encode time (~90 ms), so it stays off. Huffman optimisation (libjpeg's second pass over the data) saves 3 %
// (90 → 93 KB) for twice the time (11 → 5 ms), so it is off too.
const JPEG = { quality: 80, mozjpeg: false, optimiseCoding: false, chromaSubsampling: '4:2:0' } as const;
// Photo cards as PNG (sharp: libspng and zlib-ng): zlib level 1 without filtering, ~12–19 ms and 560–610 KB for a
// photo here, where node:zlib takes 36–56 ms for 430–500 KB. Text cards are written by png-encoder.ts instead.
const PNG = { compressionLevel: 1, adaptiveFiltering: false } as const;

/**
 * sharp (libvips), loaded by the first photo or JPEG: a text card as PNG (what `og:image` points at) is written by
 * png-encoder.ts with node:zlib, as fast as sharp on flat colour (~2 ms), so drawing one needs nothing from sharp,
 * whose loading was ~10 % of a cold `syndicard card` (docs/performance.md, "CLI: a text card without sharp"). A
 * render worker has loaded sharp already (render-worker.ts), so there this costs nothing.
 */
let sharpLoaded: Promise<typeof import('sharp').default> | undefined;
const loadSharp = () => (sharpLoaded ??= import('sharp').then(({ default: sharp }) => sharp));

/**
 * satori → resvg → node:zlib (text cards as PNG) or sharp (photos, JPEG), for one process. Fonts are passed as the
 * same array every time (satori caches parsed fonts by identity); resvg never loads system fonts, since satori has
 * already turned every glyph into a path.
 *
 * A card is drawn in two layers: the frame (brand, section, credit, stripe; card-frame.ts), drawn once per site
 * look and reused, and the headline block, the only part satori lays out and resvg rasterises per card, on a canvas
 * the size of the block. The block goes where one satori pass of the whole card (the template's `build`) puts it,
 * at whole pixels, so the card is the same picture as drawing it in one pass (tests/cards/compose-layers.test.ts).
 *
 * Scripts other than Latin, Greek and Cyrillic, and emoji, come from `catalog`, read the first time a card needs
 * them and kept registered on `fonts` for every later card (font-assets.ts).
 */
export function createCardComposer(
  fonts: Font[],
  catalog: FontCatalog = EMPTY_CATALOG,
  options: { photos?: number } = {},
): CardComposer {
  const fontFamily = fonts[0]?.name ?? 'sans-serif';
  const assets = createFontAssets(catalog);
  // Decoded photos (2.3 MB each) by SHA-256, least recently used dropped first: a site's cards mostly share a few
  // photos. The pool keeps the same list (PHOTOS_PER_WORKER, render-protocol.ts) to know which to send.
  const decoded = new LRUCache<string, Buffer>({ max: options.photos ?? 4 });
  const frames = createFrameRenderer(fonts, assets);
  const painter = createGlyphPainter();

  const { fitToTemplate, fitBlock, blockOptions } = createBlockLayout(fonts, assets);

  async function layout(job: RenderJob, embedFont: boolean) {
    const input = templateInput(job.spec, fontFamily, job.logo);
    const headline = await fitToTemplate(job.template, input);
    const built = TEMPLATES[job.template].build(input, headline);
    const element = { ...built, props: { ...built.props, ...labelLangOf(input) } };
    const svg = await satori(element, {
      width: CARD_WIDTH,
      height: CARD_HEIGHT,
      fonts,
      embedFont,
      loadAdditionalAsset: assets.loaderFor(input.cjk),
    });
    return { element, svg, headline };
  }

  // The card being drawn, 2.3 MB of RGB, reused: compose() draws one card at a time in a process and its encode has
  // finished reading the pixels before the next card starts. A new buffer per card was V8 external memory that
  // forced old-space collections every few cards (--trace-gc: ~2.5 ms of GC per photo card).
  const canvas = Buffer.alloc(CARD_WIDTH * CARD_HEIGHT * 3);

  /** The card's pixels without the headline: a copy of the frame, or of the photo with the frame blended over it. */
  async function base(job: RenderJob, input: TemplateInput, blockHeight: number): Promise<Buffer> {
    const frame = await frames.frame(job.template, input, blockHeight);
    if (frame.rgb) return copyInto(canvas, frame.rgb);
    if (!job.photo) throw new Error('a photo card needs its photo');
    let raw = decoded.get(job.photo.sha256);
    if (!raw) {
      if (!job.photo.jpeg) throw new Error(`photo ${job.photo.sha256} was named without its bytes and is not held`);
      const sharp = await loadSharp();
      raw = await sharp(job.photo.jpeg).removeAlpha().raw().toBuffer();
      decoded.set(job.photo.sha256, raw);
    }
    const rgb = copyInto(canvas, raw);
    return frame.layer ? blendLayer(rgb, frame.layer) : rgb;
  }

  async function probeHeadline(job: RenderJob) {
    const input = templateInput(job.spec, fontFamily, job.logo);
    const headline = await fitToTemplate(job.template, input);
    const element = headlineProbe(job.template, input, headline.fontSize);
    const width = TEMPLATES[job.template].headlineStyle(input).width;
    const loadAdditionalAsset = assets.loaderFor(input.cjk);
    const svg = await satori(element, { width, fonts, embedFont: false, loadAdditionalAsset });
    return { element, svg, headline, width };
  }

  return {
    layout,
    probeHeadline,
    holdsPhoto: (sha256) => decoded.has(sha256),
    compose(job) {
      // One card at a time in a process, whichever composer draws it: the glyph hook (glyph-layout.ts) is
      // process-wide, and no other satori pass may see it.
      const composed = cardInProgress.then(() => composeOne(job));
      cardInProgress = composed.catch(() => undefined);
      return composed;
    },
  };

  async function composeOne(job: RenderJob): Promise<ComposedCard> {
    const started = performance.now();
    // A photo card whose photo is missing is drawn as the plain card, as card-service.ts asks for.
    const template = job.template === 'photo' && !job.photo ? 'plain' : job.template;
    const drawn: RenderJob = { ...job, template };
    const input = templateInput(job.spec, fontFamily, job.logo);
    const { headline, block, glyphs } = await fitBlock(template, input);
    const blockHeight = svgSize(glyphs.svg).height;
    // The frame first: drawing it (a look's first card) also places the block.
    const rgb = await base(drawn, input, blockHeight);
    const position = await frames.blockPosition(template, input, blockHeight);
    const laidOut = performance.now();
    if (glyphs.drawing) {
      painter.paint(rgb, glyphs.drawing, position.left, position.top);
    } else {
      const padded = padCanvas(glyphs.outlines ? glyphs.svg : await satori(block, blockOptions(template, input)));
      const drawnBlock = new Resvg(padded, { font: { loadSystemFonts: false } }).render();
      blendLayer(rgb, {
        pixels: drawnBlock.pixels,
        width: drawnBlock.width,
        height: drawnBlock.height,
        left: position.left - INK_MARGIN,
        top: position.top - INK_MARGIN,
      });
    }
    const rastered = performance.now();
    const bytes =
      job.format === 'png' && template === 'plain'
        ? encodePng(rgb, CARD_WIDTH, CARD_HEIGHT)
        : await encodeWithSharp(rgb, job.format);
    const encoded = performance.now();
    return {
      bytes,
      headline,
      timings: { layoutMs: laidOut - started, rasterMs: rastered - laidOut, encodeMs: encoded - rastered },
    };
  }
}

async function encodeWithSharp(rgb: Buffer, format: CardFormat): Promise<Buffer> {
  const sharp = await loadSharp();
  const image = sharp(rgb, { raw: { width: CARD_WIDTH, height: CARD_HEIGHT, channels: 3 } });
  return (format === 'jpeg' ? image.jpeg(JPEG) : image.png(PNG)).toBuffer();
}

/** `source` copied over `target`, which must be the same size (a card's RGB). */
function copyInto(target: Buffer, source: Uint8Array): Buffer {
  if (source.length !== target.length) {
    throw new RangeError(`a card's base needs ${target.length} bytes of RGB, got ${source.length}`);
  }
  target.set(source);
  return target;
}

/** The card some composer of this process is drawing (compose() chains on it). */
let cardInProgress: Promise<unknown> = Promise.resolve();

/**
 * Glyphs reach outside their line boxes (descenders of a last line, accents over capitals, side bearings), and
 * the whole-card pass draws them there: the block is drawn on a canvas this much larger on every side.
 */
const INK_MARGIN = 24;

/** Width and height of a satori SVG, from its root element. */
function svgSize(svg: string): { width: number; height: number } {
  const match = SVG_ROOT.exec(svg);
  if (!match) throw new Error(`satori's SVG starts unexpectedly: ${svg.slice(0, 80)}`);
  return { width: Number(match[1]), height: Number(match[2]) };
}

const SVG_ROOT = /^<svg width="([\d.]+)" height="([\d.]+)" viewBox="0 0 [\d.]+ [\d.]+"/;

/** The block's SVG with its canvas grown by INK_MARGIN on every side. */
function padCanvas(svg: string): string {
  const { width: innerWidth, height } = svgSize(svg);
  const width = innerWidth + 2 * INK_MARGIN;
  const canvas = `<svg width="${width}" height="${height + 2 * INK_MARGIN}" viewBox="${-INK_MARGIN} ${-INK_MARGIN} ${width} ${height + 2 * INK_MARGIN}"`;
  return canvas + svg.slice(SVG_ROOT.exec(svg)![0].length);
}
