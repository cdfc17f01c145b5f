import { Resvg } from '@resvg/resvg-js';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBlockLayout } from '../../src/cards/compose/block-layout.js';
import { createFrameRenderer } from '../../src/cards/compose/card-frame.js';
import { type CardComposer, createCardComposer, type RenderJob } from '../../src/cards/compose/compose-card.js';
import { blendLayer, cropToInk } from '../../src/cards/compose/pixels.js';
import { createFontAssets } from '../../src/cards/fonts/font-assets.js';
import { CARD_HEIGHT, CARD_WIDTH, loadFonts } from '../../src/cards/index.js';
import { cropPhoto } from '../../src/cards/photo/photo-processor.js';
import { templateInput } from '../../src/cards/templates/index.js';
import { FONTS_DIR, fixtureImage, LONG_HEADLINE, makeSpec } from './card-fixtures.js';
import { WORLD_HEADLINES, worldSpec } from './world-corpus.js';

const WORD_60 = 'Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunter';

/** Pixels whose channels differ by more than `tolerance` (of 255). */
function differing(a: Buffer, b: Buffer, tolerance = 24): number {
  let count = 0;
  for (let i = 0; i < a.length; i += 3) {
    const d = Math.max(Math.abs(a[i]! - b[i]!), Math.abs(a[i + 1]! - b[i + 1]!), Math.abs(a[i + 2]! - b[i + 2]!));
    if (d > tolerance) count++;
  }
  return count;
}

async function rgbOf(png: Buffer): Promise<Buffer> {
  return sharp(png).removeAlpha().raw().toBuffer();
}

/** The same card drawn the simple way: the whole template in one satori pass, rasterised whole by resvg. */
async function drawInOnePass(composer: CardComposer, job: RenderJob): Promise<Buffer> {
  const { svg } = await composer.layout(job, true);
  const pixels = new Resvg(svg, { font: { loadSystemFonts: false } }).render().pixels;
  const under = job.photo
    ? await sharp(job.photo.jpeg).removeAlpha().raw().toBuffer()
    : Buffer.alloc(CARD_WIDTH * CARD_HEIGHT * 3);
  return blendLayer(under, { pixels, width: CARD_WIDTH, height: CARD_HEIGHT, left: 0, top: 0 });
}

/** A composer with every script's fonts and the cropped hero photo, set up before the enclosing block's tests. */
function worldComposer() {
  const world = {} as {
    composer: CardComposer;
    photo: RenderJob['photo'];
    loaded: Awaited<ReturnType<typeof loadFonts>>;
  };
  let blocks: ReturnType<typeof createBlockLayout>;
  beforeAll(async () => {
    world.loaded = await loadFonts(FONTS_DIR);
    world.composer = createCardComposer(world.loaded.fonts, world.loaded.catalog);
    world.photo = await cropPhoto('hero', fixtureImage('hero-1600x900.jpg'));
    blocks = createBlockLayout(world.loaded.fonts, createFontAssets(world.loaded.catalog));
  });
  /** A corpus headline as a card of `template`: its block as fitted, and the card, composed twice alike. */
  const draw = async (entry: (typeof WORLD_HEADLINES)[number], template: 'plain' | 'photo') => {
    const spec = worldSpec(entry, { template });
    const job: RenderJob = { spec, template, format: 'png', ...(template === 'photo' ? { photo: world.photo } : {}) };
    const { glyphs } = await blocks.fitBlock(template, templateInput(spec, world.loaded.fonts[0]!.name, undefined));
    const first = await world.composer.compose(job);
    const second = await world.composer.compose(job);
    expect(second.bytes.equals(first.bytes), entry.id).toBe(true);
    return { job, glyphs, first };
  };
  return Object.assign(world, { draw });
}

describe('layered composition (frame drawn once + headline block per card)', () => {
  let composer: CardComposer;
  let photo: RenderJob['photo'];
  beforeAll(async () => {
    composer = createCardComposer((await loadFonts(FONTS_DIR)).fonts);
    photo = await cropPhoto('hero', fixtureImage('hero-1600x900.jpg'));
  });

  const onePass = (job: RenderJob) => drawInOnePass(composer, job);

  const headlines = [
    ['the seed headline', undefined],
    ['one word', 'Breaking'],
    ['300 characters (clamped)', LONG_HEADLINE],
    ['a 60-character word', WORD_60],
  ] as const;

  for (const template of ['plain', 'photo'] as const) {
    for (const [name, headline] of headlines) {
      it(`${template}, ${name}: the same picture as one satori pass of the whole card`, async () => {
        const spec = makeSpec({ template, ...(headline ? { headline } : {}) });
        const job: RenderJob = { spec, template, format: 'png', ...(template === 'photo' ? { photo } : {}) };
        // Twice: the second card reuses the cached frame and must be byte-identical to the first.
        const first = await composer.compose(job);
        const second = await composer.compose(job);
        expect(second.bytes.equals(first.bytes)).toBe(true);
        const layered = await rgbOf(first.bytes);
        const reference = await onePass(job);
        // Identical but for a few anti-aliased edge pixels: a centred block may sit a fraction of a pixel apart
        // (the whole-card pass centres the unrounded text height), and the headline's glyphs are filled one by one
        // from cached masks (compose/glyph-masks.ts) where resvg fills the whole text as one outline: an edge pixel
        // may differ by up to a quarter of its coverage (seen: at most 25 pixels of 756,000 beyond 32 levels, none
        // beyond 64).
        expect(differing(layered, reference, 64)).toBe(0);
        expect(differing(layered, reference, 32)).toBeLessThanOrEqual(40);
        // The comparison can fail: a card with another headline is far from this reference.
        const other = await composer.compose({ ...job, spec: { ...spec, headline: 'Something else entirely' } });
        expect(differing(await rgbOf(other.bytes), reference)).toBeGreaterThan(2000);
      });
    }
  }

  it("draws a look's frame alike around a block of any height, and places the block as a pass of its own does", async () => {
    // A look's first card draws its frame around that card's block slot and keeps the block's place from the same
    // satori pass (card-frame.ts): the frame must not depend on which headline came first.
    const loaded = await loadFonts(FONTS_DIR);
    const assets = createFontAssets(loaded.catalog);
    const blocks = createBlockLayout(loaded.fonts, assets);
    for (const template of ['plain', 'photo'] as const) {
      const input = templateInput(makeSpec({ template }), loaded.fonts[0]!.name, undefined);
      // The tallest block a headline gets: 300 characters, clamped.
      const tallest = templateInput(makeSpec({ template, headline: LONG_HEADLINE }), loaded.fonts[0]!.name, undefined);
      const { glyphs } = await blocks.fitBlock(template, tallest);
      const height = Number(/height="([\d.]+)"/.exec(glyphs.svg)![1]);
      expect(height).toBeGreaterThan(150);
      const [empty, full] = [createFrameRenderer(loaded.fonts, assets), createFrameRenderer(loaded.fonts, assets)];
      const [a, b] = [await empty.frame(template, input, 0), await full.frame(template, input, height)];
      const pixels = (frame: typeof a) => Buffer.from(frame.rgb ?? frame.layer!.pixels);
      expect(pixels(b).equals(pixels(a)), template).toBe(true);
      expect(b.layer && { ...b.layer, pixels: 0 }).toEqual(a.layer && { ...a.layer, pixels: 0 });
      // `full` kept the place from its frame pass; `empty` lays the card out again for it.
      const placed = await full.blockPosition(template, input, height);
      expect(placed).toEqual(await empty.blockPosition(template, input, height));
      // A different height lands elsewhere (centred or bottom-aligned): the comparison can fail.
      expect(await empty.blockPosition(template, input, 40)).not.toEqual(placed);
    }
  });

  it('keeps a text card with a 300-character headline far below the 150 KB budget (PNG, zlib level 1)', async () => {
    const spec = makeSpec({ template: 'plain', headline: LONG_HEADLINE });
    const card = await composer.compose({ spec, template: 'plain', format: 'png' });
    expect(card.headline.clamped).toBe(true);
    expect(card.bytes.length).toBeLessThan(150 * 1024);
  });
});

describe('layered composition with emoji (pictures painted from cached rasters)', () => {
  const world = worldComposer();

  const onePass = (job: RenderJob) => drawInOnePass(world.composer, job);

  // The world corpus's emoji: a celebration pair, the ZWJ family, a skin tone, a keycap, flags, a line of emoji only.
  const emojiHeadlines = WORLD_HEADLINES.filter((entry) => entry.id.startsWith('en-emoji-'));

  it('covers the corpus emoji headlines', () => {
    expect(emojiHeadlines.map((entry) => entry.id).sort()).toEqual(
      ['celebration', 'flags', 'keycap', 'only-line', 'skin-tone', 'zwj-family'].map((id) => `en-emoji-${id}`),
    );
  });

  for (const template of ['plain', 'photo'] as const) {
    it(`${template}: every emoji headline is painted from masks and rasters, the same picture as one satori pass`, async () => {
      for (const entry of emojiHeadlines) {
        const { job, glyphs, first } = await world.draw(entry, template);
        // The block takes the mask path, with its emoji as pictures (not resvg's whole-block drawing).
        const images = glyphs.drawing?.layers.filter((layer) => layer.kind === 'image') ?? [];
        expect(images.length, entry.id).toBeGreaterThan(0);
        const layered = await rgbOf(first.bytes);
        const reference = await onePass(job);
        // The same bounds as the cards without emoji above: the pictures are resvg's own rasters at the same
        // sub-pixel phase, composited the way resvg composites an image.
        expect(differing(layered, reference, 64), entry.id).toBe(0);
        expect(differing(layered, reference, 32), entry.id).toBeLessThanOrEqual(40);
      }
    });
  }

  it('fails on a wrong picture: another emoji in the same place is far from the reference', async () => {
    const spec = makeSpec({
      template: 'plain',
      headline: 'Fans go wild 🎉🔥 as United clinch the title in stoppage time',
    });
    const job: RenderJob = { spec, template: 'plain', format: 'png' };
    const reference = await onePass(job);
    const other = await world.composer.compose({
      ...job,
      spec: { ...spec, headline: 'Fans go wild 🍕🌧️ as United clinch the title in stoppage time' },
    });
    expect(differing(await rgbOf(other.bytes), reference)).toBeGreaterThan(300);
  });
});

describe('layered composition of Indic headlines (glyphs that overlap filled as one outline per group)', () => {
  const world = worldComposer();

  // Every Devanagari (Hindi, Marathi, Nepali), Bengali and Tamil headline of the world corpus, and one with Latin brand
  // names, digits and a currency sign among the Devanagari (also painted in groups: the union is exact for any glyphs).
  const corpus = WORLD_HEADLINES.filter((entry) => ['hi', 'mr', 'ne', 'bn', 'ta'].includes(entry.language));
  const indic = [
    ...corpus,
    {
      id: 'hi-brand',
      language: 'hi',
      headline: 'Apple ने भारत में iPhone 16 Pro लॉन्च किया, कीमत ₹1,19,900 से शुरू',
      note: 'Latin brand names, digits, a currency sign',
    },
  ];

  it('covers the corpus Indic headlines', () => {
    expect(corpus.length).toBe(10);
  });

  for (const template of ['plain', 'photo'] as const) {
    it(`${template}: every Indic headline is painted from masks, the same picture as one satori pass`, async () => {
      for (const entry of indic) {
        const { job, glyphs, first } = await world.draw(entry, template);
        // The block takes the mask path (compose/glyph-groups.ts), not resvg's whole-block drawing.
        expect(glyphs.drawing?.overlap, entry.id).toBe('union');
        const reference = await drawInOnePass(world.composer, job);
        // Tighter than the bounds above: a group is resvg's own fill of those glyphs' outlines, and groups share
        // no pixel (measured: no pixel beyond 4 levels on any of these cards; the plain card's few thousand pixels
        // 1–4 levels apart are the 8-bit blend's rounding).
        expect(differing(await rgbOf(first.bytes), reference, 8), entry.id).toBe(0);
      }
    });
  }
});

describe('pixel layers', () => {
  it('blends a premultiplied layer at its offset, clipped to the card, and crops a layer to its ink', () => {
    const rgb = Buffer.alloc(CARD_WIDTH * CARD_HEIGHT * 3, 100);
    // 3×2 layer: opaque red, half-transparent white (premultiplied 128), transparent; its corner hangs off the card.
    const pixels = new Uint8Array([255, 0, 0, 255, 128, 128, 128, 128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const layer = { pixels, width: 3, height: 2, left: CARD_WIDTH - 2, top: CARD_HEIGHT - 1 };
    blendLayer(rgb, layer);
    const at = (x: number, y: number) => [...rgb.subarray((y * CARD_WIDTH + x) * 3, (y * CARD_WIDTH + x) * 3 + 3)];
    expect(at(CARD_WIDTH - 2, CARD_HEIGHT - 1)).toEqual([255, 0, 0]);
    expect(at(CARD_WIDTH - 1, CARD_HEIGHT - 1)).toEqual([178, 178, 178]); // 128 + 100·127/255
    expect(at(CARD_WIDTH - 3, CARD_HEIGHT - 1)).toEqual([100, 100, 100]);
    expect(cropToInk(layer)).toEqual({
      pixels: pixels.subarray(0, 8),
      width: 2,
      height: 1,
      left: CARD_WIDTH - 2,
      top: CARD_HEIGHT - 1,
    });
    expect(cropToInk({ ...layer, pixels: new Uint8Array(24) })).toBeUndefined();
  });
});
