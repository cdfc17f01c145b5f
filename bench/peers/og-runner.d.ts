import { type Summary } from '../lib/measure.js';
import { type PeerTemplate } from './card-design.js';
/**
 * Child process that times @vercel/og's ImageResponse (forked by og-peer.ts, one process per rasterising path).
 * @vercel/og 0.11 rasterises with sharp/librsvg when `import('sharp')` succeeds and with resvg WASM otherwise
 * (node_modules/@vercel/og/dist/index.node.js, getSharp() and render()): for the WASM path this process registers a
 * resolve hook that makes `sharp` unresolvable before @vercel/og is first imported, exactly as on a machine
 * without sharp. It also keeps @vercel/og's sharp 0.34 out of the parent, which loads syndicard's sharp 0.35.
 */
export type OgPath = 'sharp' | 'wasm';
export interface OgRunRequest {
    path: OgPath;
    templates: PeerTemplate[];
    warmup: number;
    iterations: number;
    maxMs: number;
    /** When set, the last card of each template is written there, to look at. */
    samplesDir?: string;
}
export interface OgRunResult {
    path: OgPath;
    /** What actually drew the cards: checked after the run from the modules this process loaded. */
    rasterizer: 'sharp' | 'resvg-wasm';
    cards: Partial<Record<PeerTemplate, {
        timing: Summary;
        bytes: number;
    }>>;
}
