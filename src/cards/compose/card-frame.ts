import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import satori, { type Font } from 'satori';
import type { FontAssets } from '../fonts/index.js';
import { CARD_HEIGHT, CARD_WIDTH, type CardTemplate } from '../spec.js';
import { BLOCK_SLOT_KEY, blockSlot, labelLangOf, TEMPLATES, type TemplateInput } from '../templates/index.js';
import { cropToInk, type RgbaLayer, rgbOverBlack } from './pixels.js';
import { Resvg } from './resvg.js';

/**
 * Everything on a card but the headline block, drawn once per site look and reused for every headline: the
 * brand, section, credit, stripe and rules cost a full satori pass (~10–15 ms here, the brand's `lineClamp` texts
 * most of it) and a full-card resvg pass (~9 ms) that would otherwise be paid on every card.
 */
interface CardFrame {
  /** Photo cards: the frame's painted pixels, to blend over the photo. */
  layer?: RgbaLayer;
  /** Plain cards: the whole opaque card without its headline, as RGB. */
  rgb?: Buffer;
}

export interface FrameRenderer {
  /**
   * The look's frame. When it is not drawn yet, the satori pass that draws it lays out the slot of a block `height`
   * px tall and keeps where it lands, so the `blockPosition` that follows costs no pass of its own.
   */
  frame(template: CardTemplate, input: TemplateInput, height: number): Promise<CardFrame>;
  /** Top-left corner of a headline block `height` px tall on the card, as one satori pass of the whole card puts it. */
  blockPosition(template: CardTemplate, input: TemplateInput, height: number): Promise<{ left: number; top: number }>;
}

/** What a frame depends on: every input but the headline. */
function frameKey(template: CardTemplate, input: TemplateInput): string {
  const { spec, siteName, section, credit, fontFamily, logo, cjk, lang, direction } = input;
  // The headline's script decides the labels' lang (font order), CJK forms and which side they sit on: all part of
  // what the frame looks like. Both templates draw the credit.
  const fields = [template, fontFamily, siteName, section ?? null, spec.theme, logo ?? null, cjk, lang, direction];
  fields.push(credit ?? null);
  return createHash('sha256').update(JSON.stringify(fields)).digest('base64url');
}

const FRAME_CACHE_BYTES = 12 * 1_048_576;

/** The whole card around a block, with the card's `lang` on its root (inherited by every label). */
function frameElement(template: CardTemplate, input: TemplateInput, height: number) {
  const definition = TEMPLATES[template];
  const element = definition.frame(input, blockSlot(definition.blockWidth, height));
  return { ...element, props: { ...element.props, ...labelLangOf(input) } };
}

export function createFrameRenderer(fonts: Font[], assets: FontAssets): FrameRenderer {
  // A plain card's frame is a whole 2.3 MB RGB card, a photo card's only its painted crop (the brand row, ~0.2 MB):
  // bounded in bytes, a worker holds about five sites' plain looks, or many more photo looks.
  const frames = new LRUCache<string, CardFrame>({
    maxSize: FRAME_CACHE_BYTES,
    sizeCalculation: (frame) => (frame.rgb?.length ?? 0) + (frame.layer?.pixels.length ?? 0) + 64,
  });
  // A block's height takes a few dozen values per look (steps × line counts): positions are tiny, keep many.
  const positions = new LRUCache<string, { left: number; top: number }>({ max: 1024 });

  /**
   * One satori pass of the whole card around a block slot `height` px tall: its SVG (text as paths when `embedFont`)
   * and where the slot lands, at whole pixels.
   */
  async function layOut(template: CardTemplate, input: TemplateInput, height: number, embedFont: boolean) {
    let found: { left: number; top: number } | undefined;
    const svg = await satori(frameElement(template, input, height), {
      width: CARD_WIDTH,
      height: CARD_HEIGHT,
      fonts,
      embedFont,
      loadAdditionalAsset: assets.loaderFor(input.cjk),
      onNodeDetected: (node) => {
        if (node.key === BLOCK_SLOT_KEY) found = { left: Math.round(node.left), top: Math.round(node.top) };
      },
    });
    if (!found) throw new Error(`the ${template} template has no headline block slot`);
    return { svg, position: found };
  }

  return {
    async frame(template, input, height) {
      const key = frameKey(template, input);
      const hit = frames.get(key);
      if (hit) return hit;
      // The frame does not depend on the block's height (the block is centred or bottom-aligned in free space, and
      // its slot draws nothing: tests/cards/compose-layers.test.ts), so it is drawn around the slot of the block at
      // hand, and that pass also tells where the block goes: one full-card satori pass fewer on a look's first card,
      // which is every card of a cold `syndicard card` (docs/performance.md).
      const { svg, position } = await layOut(template, input, height, true);
      positions.set(`${key}:${height}`, position);
      const pixels = new Resvg(svg, { font: { loadSystemFonts: false } }).render().pixels;
      const whole: RgbaLayer = { pixels, width: CARD_WIDTH, height: CARD_HEIGHT, left: 0, top: 0 };
      const frame: CardFrame = template === 'plain' ? { rgb: rgbOverBlack(pixels) } : { layer: cropToInk(whole) };
      frames.set(key, frame);
      return frame;
    },

    async blockPosition(template, input, height) {
      const key = `${frameKey(template, input)}:${height}`;
      const hit = positions.get(key);
      if (hit) return hit;
      const { position } = await layOut(template, input, height, false);
      positions.set(key, position);
      return position;
    },
  };
}
