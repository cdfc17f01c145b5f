import { access, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Article, Site } from '../../src/articles/index.js';
import { variantOf } from '../lib/fixtures.js';
import { measureAsync, type Summary } from '../lib/measure.js';
import { CHROMIUM_PATH } from '../lib/versions.js';
import { cardHtml, type PeerTemplate, peerSpec } from './card-design.js';

/**
 * Headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core: one warm browser and one reused page
 * at 1200×630, each card a `setContent` of the same design as HTML, then a screenshot. Three ways to take it:
 * Playwright's PNG, Playwright's JPEG (q80), and the DevTools call itself with `optimizeForSpeed` (JPEG q80), which
 * skips Playwright's caret hiding and font waits and uses Chromium's fastest encoder: the best Chromium can do.
 */
export type ChromiumMode = 'png' | 'jpeg' | 'cdp-jpeg-fast';
export const CHROMIUM_MODES: readonly ChromiumMode[] = ['png', 'jpeg', 'cdp-jpeg-fast'];

export interface ChromiumResult {
  cards: Partial<Record<PeerTemplate, Partial<Record<ChromiumMode, { timing: Summary; bytes: number }>>>>;
}

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function chromiumAvailable(): Promise<boolean> {
  try {
    await access(CHROMIUM_PATH);
    await import('playwright-core');
    return true;
  } catch {
    return false;
  }
}

export interface ChromiumRunOptions {
  article: Article;
  site: Site;
  assetOrigin: string;
  templates: PeerTemplate[];
  warmup: number;
  iterations: number;
  maxMs: number;
  samplesDir?: string;
}

export async function runChromiumPeer(options: ChromiumRunOptions): Promise<ChromiumResult> {
  const { chromium } = await import('playwright-core');
  const profile = await mkdtemp(join(tmpdir(), 'syndicard-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    viewport: { width: 1200, height: 630 },
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(page);
    const result: ChromiumResult = { cards: {} };
    for (const template of options.templates) {
      const modes: NonNullable<ChromiumResult['cards'][PeerTemplate]> = {};
      for (const mode of CHROMIUM_MODES) {
        let bytes = 0;
        let last: Buffer | undefined;
        const timing = await measureAsync(
          async (i) => {
            const spec = peerSpec(variantOf(options.article, i, mode[0]), options.site, template);
            await page.setContent(cardHtml(spec, template, options.assetOrigin));
            let image: Buffer;
            if (mode === 'cdp-jpeg-fast') {
              const shot = await cdp.send('Page.captureScreenshot', {
                format: 'jpeg',
                quality: 80,
                optimizeForSpeed: true,
              });
              image = Buffer.from(shot.data, 'base64');
            } else {
              image = await page.screenshot(mode === 'png' ? { type: 'png' } : { type: 'jpeg', quality: 80 });
            }
            bytes = image.length;
            last = image;
          },
          { warmup: options.warmup, iterations: options.iterations, maxMs: options.maxMs },
        );
        modes[mode] = { timing, bytes };
        if (options.samplesDir && last) {
          await mkdir(options.samplesDir, { recursive: true });
          await writeFile(
            join(options.samplesDir, `chromium-${template}-${mode}.${mode === 'png' ? 'png' : 'jpg'}`),
            last,
          );
        }
      }
      result.cards[template] = modes;
    }
    return result;
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}
