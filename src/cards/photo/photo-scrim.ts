import { CARD_HEIGHT, CARD_WIDTH } from '../spec.js';

/**
 * The photo card's scrim: black, darkening the top edge (brand, credit) and the lower part (headline) so white text
 * stays legible over any photo, even a white one (bottom alpha 0.86 gives white text a contrast above 7:1 on pure
 * white). It is part of the photo template's design, but is baked into the cropped photo once per photo instead of
 * being drawn by resvg on every card: a full-card gradient costs resvg ~25–35 ms, the text alone ~5–10 ms.
 */
const TOP_END = 170;
const TOP_ALPHA = 0.5;
const BOTTOM_START = 200;
const BOTTOM_ALPHA = 0.86;

/** Alpha of the scrim on row `y`, eased (smoothstep) so no band edge shows. */
function scrimAlpha(y: number): number {
  const top = y < TOP_END ? TOP_ALPHA * smoothstep(1 - y / TOP_END) : 0;
  const bottom =
    y > BOTTOM_START ? BOTTOM_ALPHA * smoothstep((y - BOTTOM_START) / (CARD_HEIGHT - 1 - BOTTOM_START)) : 0;
  return 1 - (1 - top) * (1 - bottom);
}

/** Darkens raw 1200×630 RGB pixels in place with the scrim. */
export function applyScrim(rgb: Buffer): Buffer {
  const rowBytes = CARD_WIDTH * 3;
  if (rgb.length !== rowBytes * CARD_HEIGHT) {
    throw new RangeError(`applyScrim expects ${rowBytes * CARD_HEIGHT} bytes of RGB, got ${rgb.length}`);
  }
  for (let y = 0; y < CARD_HEIGHT; y++) {
    const keep = 1 - scrimAlpha(y);
    if (keep === 1) continue;
    const start = y * rowBytes;
    for (let i = start; i < start + rowBytes; i++) rgb[i] = Math.round(rgb[i]! * keep);
  }
  return rgb;
}

function smoothstep(t: number): number {
  const x = Math.min(1, Math.max(0, t));
  return x * x * (3 - 2 * x);
}
