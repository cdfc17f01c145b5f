import { Resvg } from '@resvg/resvg-js';
import { LRUCache } from 'lru-cache';
import satori, { type Font } from 'satori';
import sharp from 'sharp';
import { blendPremultipliedOver } from './pixels.js';
import { CARD_HEIGHT, CARD_WIDTH, type CardFormat, type CardSpec, type CardTemplate } from './spec.js';
import {
  type CardElement,
  type CardLogo,
  type FittedHeadline,
  fitHeadline,
  headlineProbe,
  TEMPLATES,
  templateInput,
} from './templates/index.js';

/** Everything a worker needs to draw one card; photo and logo arrive already fetched and processed. */
export interface RenderJob {
  spec: CardSpec;
  /** The template to draw: `plain` for a photo card whose photo could not be had. */
  template: CardTemplate;
  format: CardFormat;
  photo?: { sha256: string; jpeg: Buffer };
  logo?: CardLogo;
}

export interface ComposedCard {
  bytes: Buffer;
  headline: FittedHeadline;
  timings: { layoutMs: number; rasterMs: number; encodeMs: number };
}

export interface CardComposer {
  compose(job: RenderJob): Promise<ComposedCard>;
  /** The card's satori element and SVG; `embedFont: false` keeps text as <text> elements, for tests. */
  layout(job: RenderJob, embedFont: boolean): Promise<{ element: CardElement; svg: string; headline: FittedHeadline }>;
}

// Measured on these machines for a 1200×630 photo card: quality 80 gives ~80 KB; mozjpeg's trellis mode saves ~15 %
// but costs 4× the encode time (~90 ms), so it stays off.
const JPEG = { quality: 80, mozjpeg: false } as const;
// Level 6 is both smaller and, for flat text cards, not slower than level 1 (zlib-ng); photo PNGs are secondary.
const PNG = { compressionLevel: 6, adaptiveFiltering: false } as const;

/**
 * satori → resvg → sharp, for one process. Fonts are passed as the same array every time (satori caches parsed
 * fonts by identity); resvg never loads system fonts, since satori has already turned every glyph into a path.
 */
export function createCardComposer(fonts: Font[]): CardComposer {
  const fontFamily = fonts[0]?.name ?? 'sans-serif';
  const decoded = new LRUCache<string, Buffer>({ max: 4 });

  async function layout(job: RenderJob, embedFont: boolean) {
    const input = templateInput(job.spec, fontFamily, job.logo);
    const definition = TEMPLATES[job.template];
    const width = definition.headlineStyle(input).width;
    const headline = await fitHeadline(definition.steps, async (fontSize) =>
      countLines(await satori(headlineProbe(job.template, input, fontSize), { width, fonts, embedFont: false })),
    );
    const element = definition.build(input, headline);
    const svg = await satori(element, { width: CARD_WIDTH, height: CARD_HEIGHT, fonts, embedFont });
    return { element, svg, headline };
  }

  async function photoPixels(photo: NonNullable<RenderJob['photo']>): Promise<Buffer> {
    let raw = decoded.get(photo.sha256);
    if (!raw) {
      raw = await sharp(photo.jpeg).removeAlpha().raw().toBuffer();
      decoded.set(photo.sha256, raw);
    }
    return Buffer.from(raw);
  }

  return {
    layout,
    async compose(job) {
      const started = performance.now();
      const { svg, headline } = await layout(job, true);
      const laidOut = performance.now();
      const rgba = new Resvg(svg, { font: { loadSystemFonts: false } }).render().pixels;
      const rastered = performance.now();
      const image =
        job.template === 'photo' && job.photo
          ? sharp(blendPremultipliedOver(await photoPixels(job.photo), rgba), {
              raw: { width: CARD_WIDTH, height: CARD_HEIGHT, channels: 3 },
            })
          : sharp(rgba, {
              raw: { width: CARD_WIDTH, height: CARD_HEIGHT, channels: 4, premultiplied: true },
            }).removeAlpha();
      const bytes = await (job.format === 'jpeg' ? image.jpeg(JPEG) : image.png(PNG)).toBuffer();
      const encoded = performance.now();
      return {
        bytes,
        headline,
        timings: { layoutMs: laidOut - started, rasterMs: rastered - laidOut, encodeMs: encoded - rastered },
      };
    },
  };
}

/** Lines of laid-out text in an SVG drawn with `embedFont: false`: one distinct baseline per line. */
export function countLines(svg: string): number {
  const baselines = new Set<string>();
  for (const match of svg.matchAll(/<text\b[^>]*?\sy="([^"]+)"/g)) baselines.add(match[1]!);
  return baselines.size;
}
