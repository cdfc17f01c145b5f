import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, putArticle, type TestApp } from '../helpers/app.js';
import { type ChromiumSession, launchChromium } from '../helpers/chromium.js';
import { makeArticle, TEST_TOKEN } from '../helpers/fixtures.js';
import { type ImageServer, startImageServer } from '../helpers/image-server.js';

/**
 * The publisher's pages in a real browser (Debian's Chromium through playwright-core): the playground renders through
 * the authenticated API as the user types, and the preview page draws every platform with an honest checklist.
 * Screenshots go to docs/screenshots/ when SYNDICARD_SCREENSHOTS=1 (looked at before they were committed).
 */

const SIGNING_KEY = 'playground-signing-key-0123456789';
const SCREENSHOTS = process.env.SYNDICARD_SCREENSHOTS === '1';
const docs = join(import.meta.dirname, '../../docs/screenshots');

let t: TestApp;
let server: Server;
let origin: string;
let images: ImageServer;
let browser: ChromiumSession;
const consoleErrors: string[] = [];

beforeAll(async () => {
  images = await startImageServer();
  t = await makeTestApp({ env: { SYNDICARD_SIGNING_KEYS: SIGNING_KEY, SYNDICARD_IMAGE_ALLOW: '127.0.0.1' } });
  server = createServer(t.callback);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  await putArticle(
    t,
    makeArticle({ id: 'complete', image: { ...makeArticle().image, url: `${images.origin}/hero.jpg` } }),
  );
  const bare = makeArticle({ id: 'bare', standfirst: undefined });
  delete (bare as Record<string, unknown>).image;
  await putArticle(t, bare);

  browser = await launchChromium({ width: 1280, height: 900 });
  await browser.page.unroute('**/*');
  browser.page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  browser.page.on('pageerror', (error) => consoleErrors.push(error.message));
  if (SCREENSHOTS) await mkdir(docs, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await t?.close();
  await images?.close();
});

async function previewBytes(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(async () => {
    const img = document.getElementById('preview') as HTMLImageElement;
    const blob = await (await fetch(img.src)).blob();
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let text = '';
    for (const byte of bytes) text += String.fromCharCode(byte);
    return btoa(text);
  });
  return Buffer.from(base64, 'base64');
}

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('the playground', () => {
  it('asks for the token, renders as the user types, and its signed URL draws the same card', async () => {
    const { page } = browser;
    consoleErrors.length = 0;
    await page.goto(`${origin}/playground`);
    await expect.poll(() => page.textContent('#status')).toContain('API token');

    await page.fill('#token', TEST_TOKEN);
    await page.dispatchEvent('#token', 'change');
    await page.fill('#headline', 'Harbour reopens after the storm');
    await page.fill('#credit', 'Photo by Jane Doe');
    await expect.poll(() => page.textContent('#status'), { timeout: 30_000 }).toBe('Up to date.');
    const first = await previewBytes(page);
    expect(first.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(await page.getAttribute('#size', 'data-bytes')).toBe(String(first.length));
    expect(await page.textContent('#size')).toMatch(/^image\/png · [\d.]+ KB \(\d+ bytes\) · plain template$/);

    // Typing changes the preview.
    await page.fill('#headline', 'Harbour reopens after the storm, and the ferries are back');
    await expect.poll(async () => sha(await previewBytes(page)), { timeout: 30_000 }).not.toBe(sha(first));
    await expect.poll(() => page.textContent('#status'), { timeout: 30_000 }).toBe('Up to date.');

    // A photo, then the JPEG switch: the template, the type and the byte size follow.
    await page.fill('#image', `${images.origin}/hero.jpg`);
    await expect.poll(() => page.textContent('#size'), { timeout: 30_000 }).toMatch(/ · photo template$/);
    await page.check('input[name="format"][value="jpeg"]');
    await expect
      .poll(() => page.textContent('#size'), { timeout: 30_000 })
      .toMatch(/^image\/jpeg · .* · photo template$/);
    await expect.poll(() => page.textContent('#status'), { timeout: 30_000 }).toBe('Up to date.');
    const shown = await previewBytes(page);
    expect(shown.subarray(0, 2).toString('hex')).toBe('ffd8');
    if (SCREENSHOTS) await page.screenshot({ path: join(docs, 'playground.png') });

    // The token stays in the tab's session storage only.
    expect(await page.evaluate(() => sessionStorage.getItem('syndicard.token'))).toBe(TEST_TOKEN);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);

    await page.click('#copy-signed');
    await expect.poll(() => page.inputValue('#signed-url'), { timeout: 30_000 }).toMatch(/\/og\.jpg\?.*sig=/);
    const signed = new URL(await page.inputValue('#signed-url'));
    const fetched = await fetch(`${origin}${signed.pathname}${signed.search}`);
    expect(fetched.status).toBe(200);
    expect(sha(Buffer.from(await fetched.arrayBuffer()))).toBe(sha(shown));
    expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
  }, 120_000);

  it('never renders without the token: the API refuses and the page says why', async () => {
    const { page } = browser;
    await page.goto(`${origin}/playground`);
    await page.evaluate(() => sessionStorage.clear());
    await page.fill('#token', 'not-the-token-at-all-000');
    await page.dispatchEvent('#token', 'change');
    await page.fill('#headline', 'No token, no card');
    await expect.poll(() => page.textContent('#status'), { timeout: 30_000 }).toContain('not valid');
    expect(await page.getAttribute('#preview', 'src')).toBeNull();
  }, 60_000);
});

describe('the platform previews', () => {
  async function open(id: string) {
    const { page } = browser;
    consoleErrors.length = 0;
    await page.goto(`${origin}/articles/${id}/preview`);
    await page.waitForFunction(() => [...document.images].every((img) => img.complete && img.naturalWidth > 0));
    const platforms = await page.$$eval('section.platform', (sections) =>
      sections.map((s) => ({
        id: s.getAttribute('data-platform'),
        drawn: (s.querySelector('.mock') as HTMLElement | null)?.getBoundingClientRect().height ?? 0,
        checks: [...s.querySelectorAll('.checklist li')].map((li) => ({
          status: li.getAttribute('data-status'),
          text: li.textContent ?? '',
        })),
      })),
    );
    return platforms;
  }

  it('draws the seven platforms and the feed reader for a complete article, every check passing but lengths', async () => {
    const platforms = await open('complete');
    expect(platforms.map((p) => p.id)).toEqual([
      'facebook',
      'x',
      'linkedin',
      'slack',
      'discord',
      'whatsapp',
      'imessage',
      'reader',
    ]);
    for (const p of platforms) expect(p.drawn, `${p.id} mock-up drawn`).toBeGreaterThan(40);
    for (const p of platforms) {
      expect(
        p.checks.filter((c) => c.status === 'fail'),
        `${p.id} has no failing check`,
      ).toEqual([]);
    }
    const facebook = platforms.find((p) => p.id === 'facebook')!;
    expect(facebook.checks.map((c) => c.text)).toContain('og:image is present');
    expect(facebook.checks.some((c) => /^image is \d+ KB; the limit is 8192 KB/.test(c.text))).toBe(true);
    expect(facebook.checks.some((c) => c.text === 'image is 1200×630; at least 200×200 is needed')).toBe(true);
    expect(facebook.checks.some((c) => c.text === 'the card shows the hero photo')).toBe(true);
    const whatsapp = platforms.find((p) => p.id === 'whatsapp')!;
    expect(whatsapp.checks.some((c) => c.status === 'pass' && /the limit is 300 KB/.test(c.text))).toBe(true);
    expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
    if (SCREENSHOTS) await browser.page.screenshot({ path: join(docs, 'preview.png'), fullPage: true });
  }, 120_000);

  it('says what is missing for an article without photo or standfirst', async () => {
    const platforms = await open('bare');
    const texts = (id: string) => platforms.find((p) => p.id === id)!.checks;
    expect(texts('facebook')).toContainEqual({
      status: 'warn',
      text: 'no standfirst: the description is taken from the start of the body',
    });
    expect(texts('facebook')).toContainEqual({
      status: 'warn',
      text: 'the card is the text-only design (no photo could be drawn)',
    });
    expect(texts('reader')).toContainEqual({ status: 'warn', text: 'no hero photo: readers show no thumbnail' });
    expect(texts('reader')).toContainEqual({
      status: 'warn',
      text: 'no standfirst: readers show the start of the body as the summary',
    });
    expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
  }, 120_000);

  it('is linked from / and the article page only in a tab holding the token', async () => {
    const { page } = browser;
    await page.goto(`${origin}/articles/complete`);
    await page.evaluate(() => sessionStorage.clear());
    await page.reload();
    expect(await page.isVisible('a[href="/articles/complete/preview"]')).toBe(false);
    await page.evaluate((token) => sessionStorage.setItem('syndicard.token', token), TEST_TOKEN);
    await page.reload();
    expect(await page.isVisible('a[href="/articles/complete/preview"]')).toBe(true);
    await page.goto(`${origin}/`);
    expect(await page.isVisible('a[href="/articles/complete/preview"]')).toBe(true);
  }, 60_000);
});

describe('the API reference', () => {
  it('renders /openapi.json offline in Swagger UI, every operation listed', async () => {
    const { page } = browser;
    consoleErrors.length = 0;
    const outside: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(origin) && !request.url().startsWith('data:')) outside.push(request.url());
    });
    await page.goto(`${origin}/docs/api`);
    await page.waitForSelector('.opblock', { timeout: 30_000 });
    const operations = await page.$$eval('.opblock-summary-path', (els) => els.map((el) => el.textContent?.trim()));
    expect(operations).toContain('/api/articles/{id}');
    expect(operations).toContain('/og.png');
    expect(operations.length).toBeGreaterThan(30);
    expect(outside).toEqual([]);
    expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
    if (SCREENSHOTS) await page.screenshot({ path: join(docs, 'api-reference.png') });
  }, 60_000);
});
