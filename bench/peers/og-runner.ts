import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire, register } from 'node:module';
import { join } from 'node:path';
import { loadFonts } from '../../src/cards/index.js';
import { FONTS_DIR } from '../../src/setup/paths.js';
import { loadSeed, variantOf } from '../lib/fixtures.js';
import { measureAsync, type Summary } from '../lib/measure.js';
import { answerOnce } from '../lib/one-shot-child.js';
import { ogElement, type PeerTemplate, peerSpec } from './card-design.js';

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
  cards: Partial<Record<PeerTemplate, { timing: Summary; bytes: number }>>;
}

const NO_SHARP_HOOK = `data:text/javascript,${encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (specifier === 'sharp' || specifier.startsWith('sharp/')) {
    const error = new Error('sharp is hidden for the resvg WASM benchmark');
    error.code = 'ERR_MODULE_NOT_FOUND';
    throw error;
  }
  return next(specifier, context);
}`)}`;

async function run(request: OgRunRequest): Promise<OgRunResult> {
  if (request.path === 'wasm') register(NO_SHARP_HOOK);
  const { ImageResponse } = await import('@vercel/og');
  const fonts = (await loadFonts(FONTS_DIR)).fonts;
  const seed = await loadSeed('https://photos.invalid/hero.jpg');
  // The photo reaches satori as a data: URI read once, the fastest way to hand it over (no fetch per card).
  const photoSrc = `data:image/jpeg;base64,${seed.heroBytes.toString('base64')}`;
  const cards: OgRunResult['cards'] = {};
  for (const template of request.templates) {
    let bytes = 0;
    let last: ArrayBuffer | undefined;
    const timing = await measureAsync(
      async (i) => {
        const spec = peerSpec(variantOf(seed.article, i, request.path), seed.site, template);
        const element = ogElement(spec, template, fonts[0]!.name, photoSrc);
        // biome-ignore lint/suspicious/noExplicitAny: @vercel/og types its element as a React element; satori reads plain objects.
        const response = new ImageResponse(element as any, { width: 1200, height: 630, fonts });
        last = await response.arrayBuffer();
        bytes = last.byteLength;
      },
      { warmup: request.warmup, iterations: request.iterations, maxMs: request.maxMs },
    );
    cards[template] = { timing, bytes };
    if (request.samplesDir && last) {
      await mkdir(request.samplesDir, { recursive: true });
      await writeFile(join(request.samplesDir, `og-${request.path}-${template}.png`), Buffer.from(last));
    }
  }
  const loaded = Object.keys(createRequire(import.meta.url).cache).some((file) => /[\\/]sharp[\\/]/.test(file));
  return { path: request.path, rasterizer: loaded ? 'sharp' : 'resvg-wasm', cards };
}

answerOnce(run);
