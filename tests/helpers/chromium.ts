import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

/** Debian's Chromium, installed by .ci/run with apt. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * The flags the project's guide fixes (GUIDE.md): without the networking ones Chromium tries to reach the outside,
 * which is closed here, and waits on it.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * The origin test pages are served from. Nothing listens there: every request to it is answered by the page's
 * route handler inside Playwright, so Chromium never resolves the name or opens a socket.
 */
export const TEST_ORIGIN = 'http://syndicard.test';

export interface ChromiumSession {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** One headless Chromium with a fresh profile directory (removed on close) and one page. */
export async function launchChromium(viewport = { width: 1280, height: 800 }): Promise<ChromiumSession> {
  const { chromium } = await import('playwright-core');
  const profile = await mkdtemp(join(tmpdir(), 'syndicard-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport,
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  // Anything not answered by a test's own route (a stray font URL, a favicon) fails at once instead of waiting on
  // a network that is closed.
  await page.route('**/*', (route) => route.abort('blockedbyclient'));
  return {
    context,
    page,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
