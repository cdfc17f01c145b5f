import type { BrowserContext, Page } from 'playwright-core';
/** Debian's Chromium, installed by .ci/run with apt. */
export declare const CHROMIUM_PATH = "/usr/bin/chromium";
/**
 * The flags the project's guide fixes (GUIDE.md): without the networking ones Chromium tries to reach the outside,
 * which is closed here, and waits on it.
 */
export declare const CHROMIUM_ARGS: string[];
/**
 * The origin test pages are served from. Nothing listens there: every request to it is answered by the page's
 * route handler inside Playwright, so Chromium never resolves the name or opens a socket.
 */
export declare const TEST_ORIGIN = "http://syndicard.test";
export interface ChromiumSession {
    context: BrowserContext;
    page: Page;
    close(): Promise<void>;
}
/** One headless Chromium with a fresh profile directory (removed on close) and one page. */
export declare function launchChromium(viewport?: {
    width: number;
    height: number;
}): Promise<ChromiumSession>;
