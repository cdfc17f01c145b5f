/**
 * Compose stage: one card drawn in one process. The headline is fitted and laid out by satori (block-layout.ts), its
 * glyphs painted from cached masks (glyph-masks.ts) over the look's frame, drawn once by satori and resvg
 * (card-frame.ts) or blended over the photo, and the pixels encoded (png-encoder.ts, or sharp). It runs in the
 * render workers and in a one-shot command's own process (render/), never in the server's main process.
 */
export { type CardComposer, createCardComposer, type RenderJob } from './compose-card.js';
