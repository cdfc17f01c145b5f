/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The function given to page.evaluate runs in the page: it needs the DOM types.
import type { Page } from 'playwright-core';
import { TEST_ORIGIN } from './chromium.js';
import type { PlacedWord, Word } from './visual-lines.js';

/** A font file as the card renderer has it: the same bytes are given to Chromium through `@font-face`. */
export interface BrowserFont {
  family: string;
  weight: number;
  style: 'normal' | 'italic';
  data: Buffer;
}

/** One headline to lay out: the card's headline box, and the words to find. */
export interface BrowserBox {
  id: string;
  /** BCP 47 tag, set as the box's `lang` (line breaking rules and glyph choice read it). */
  lang: string;
  /** The headline as written (no marks inserted for satori: the browser runs the real bidi algorithm). */
  text: string;
  /**
   * The satori style of the card's headline block: only its geometry is taken (width, font size and weight, line
   * height, letter spacing). Direction, alignment and line breaking are the browser's own, from `reference`.
   */
  style: Record<string, string | number>;
  /** How a good page would set this headline: the ground truth the card is held to. */
  reference: BrowserReference;
  /** The font-family list, first choice first. */
  families: string[];
  words: Word[];
}

export interface BrowserReference {
  direction: 'ltr' | 'rtl';
  /** CSS `word-break`; long words still wrap anywhere (`overflow-wrap: anywhere`), as the card's `break-word`. */
  wordBreak: 'normal' | 'keep-all' | 'auto-phrase';
}

export interface PlatformFont {
  familyName: string;
  isCustomFont: boolean;
  glyphCount: number;
}

export interface BrowserLayout {
  id: string;
  placed: PlacedWord[];
  lineHeight: number;
  /** The fonts Chromium drew the box with (DevTools' CSS.getPlatformFontsForNode); system fonts have isCustomFont false. */
  fonts: PlatformFont[];
}

// The card's box geometry, copied as is; satori's style numbers are px except the unitless ones.
const GEOMETRY = ['width', 'fontSize', 'fontWeight', 'fontStyle', 'lineHeight', 'letterSpacing'];
const UNITLESS = new Set(['lineHeight', 'fontWeight']);

/** The card's headline box as CSS, with the reference's direction and line breaking, aligned to the start. */
export function cssFor(box: Pick<BrowserBox, 'style' | 'reference' | 'families'>): string {
  const declarations = GEOMETRY.filter((key) => box.style[key] !== undefined).map((key) => {
    const value = box.style[key]!;
    const property = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    return `${property}: ${typeof value === 'number' && !UNITLESS.has(key) ? `${value}px` : value}`;
  });
  declarations.push(
    'display: block',
    `direction: ${box.reference.direction}`,
    'text-align: start',
    `word-break: ${box.reference.wordBreak}`,
    'overflow-wrap: anywhere',
    `font-family: ${box.families.map((family) => JSON.stringify(family)).join(', ')}`,
    // satori never synthesises bold or italic: a face that lacks the weight is drawn as it is, so Chromium must too.
    'font-synthesis: none',
  );
  return declarations.join('; ');
}

/**
 * Lays out every box in one page, with the given fonts only as web fonts, and reads back where each word landed:
 * a Range per word, its client rects, grouped into lines by their vertical centre. A word split over two lines
 * (a long URL broken by `break-word`, or a browser breaking where the card did not) is read per grapheme and reported
 * as one part per line.
 */
export async function layoutInBrowser(
  page: Page,
  fonts: readonly BrowserFont[],
  boxes: readonly BrowserBox[],
): Promise<BrowserLayout[]> {
  const faces = fonts
    .map(
      (font, i) =>
        `@font-face { font-family: ${JSON.stringify(font.family)}; src: url(/fonts/${i}); ` +
        `font-weight: ${font.weight}; font-style: ${font.style}; font-display: block; }`,
    )
    .join('\n');
  const boxesHtml = boxes
    .map(
      (box, i) =>
        `<div id="box-${i}" lang="${escapeAttribute(box.lang)}" dir="${box.reference.direction}" style="${escapeAttribute(cssFor(box))}">${boxContent(box)}</div>`,
    )
    .join('\n');
  const html = `<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; padding: 16px; }
body > div { margin-bottom: 48px; }
${faces}
</style></head><body>${boxesHtml}</body></html>`;

  await page.unroute(`${TEST_ORIGIN}/**`);
  await page.route(`${TEST_ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/') return route.fulfill({ contentType: 'text/html; charset=utf-8', body: html });
    const font = /^\/fonts\/(\d+)$/.exec(path);
    const data = font ? fonts[Number(font[1])]?.data : undefined;
    if (data) return route.fulfill({ contentType: 'font/ttf', body: data });
    return route.fulfill({ status: 404, body: 'not found' });
  });
  // tsx (esbuild's keepNames) wraps named functions in `__name(...)`, which does not exist in the page: the function
  // handed to page.evaluate below would throw when run from a tsx script rather than from vitest.
  await page.addInitScript('globalThis.__name ??= (fn) => fn;');
  await page.goto(`${TEST_ORIGIN}/`);

  const measured = await page.evaluate(
    async (words) => {
      // Every face, whether or not the page uses it yet: layout must not run on fallback fonts.
      await Promise.all([...document.fonts].map((face) => face.load()));
      await document.fonts.ready;
      const failed = [...document.fonts].filter((face) => face.status !== 'loaded').map((face) => face.family);
      if (failed.length > 0) throw new Error(`fonts failed to load in Chromium: ${failed.join(', ')}`);
      const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
      return words.map((boxWords, i) => {
        const box = document.getElementById(`box-${i}`)!;
        const origin = box.getBoundingClientRect();
        const lineHeight = Number.parseFloat(getComputedStyle(box).lineHeight);
        // Text nodes by the headline offset they start at (pictures between them stand for the emoji they replace).
        const texts: { node: Text; start: number }[] = [];
        let offset = 0;
        for (const child of box.childNodes) {
          if (child instanceof Text) {
            texts.push({ node: child, start: offset });
            offset += child.data.length;
          } else if (child instanceof HTMLImageElement) offset = Number(child.dataset.end);
        }
        const point = (at: number): [Text, number] => {
          const found = texts.findLast((text) => text.start <= at) ?? texts[0]!;
          return [found.node, Math.min(at - found.start, found.node.data.length)];
        };
        const rectsOf = (start: number, end: number) => {
          const picture = box.querySelector(`img[data-start="${start}"]`);
          if (picture) return [picture.getBoundingClientRect()];
          const range = document.createRange();
          range.setStart(...point(start));
          range.setEnd(...point(end));
          return [...range.getClientRects()].filter((rect) => rect.width > 0 || rect.height > 0);
        };
        const placed: { word: number; text: string; y: number; left: number; right: number }[] = [];
        boxWords.forEach((word, index) => {
          const rects = rectsOf(word.start, word.end);
          if (rects.length === 0) return;
          const centres = rects.map((rect) => rect.top + rect.height / 2);
          const oneLine = Math.max(...centres) - Math.min(...centres) <= lineHeight / 2;
          if (oneLine) {
            placed.push({
              word: index,
              text: word.text,
              y: centres[0]! - origin.top,
              left: Math.min(...rects.map((rect) => rect.left)) - origin.left,
              right: Math.max(...rects.map((rect) => rect.right)) - origin.left,
            });
            return;
          }
          // Split over lines: one part per line, in logical order within the word.
          const parts: { text: string; y: number; left: number; right: number }[] = [];
          for (const { segment, index: offset } of segmenter.segment(word.text)) {
            const [rect] = rectsOf(word.start + offset, word.start + offset + segment.length);
            if (!rect) continue;
            const y = rect.top + rect.height / 2 - origin.top;
            const last = parts.at(-1);
            if (last && Math.abs(last.y - y) <= lineHeight / 2) {
              last.text += segment;
              last.left = Math.min(last.left, rect.left - origin.left);
              last.right = Math.max(last.right, rect.right - origin.left);
            } else parts.push({ text: segment, y, left: rect.left - origin.left, right: rect.right - origin.left });
          }
          for (const part of parts) placed.push({ word: index, ...part });
        });
        return { placed, lineHeight };
      });
    },
    boxes.map((box) => box.words),
  );

  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const layouts: BrowserLayout[] = [];
    for (const [i, box] of boxes.entries()) {
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: `#box-${i}` });
      const { fonts: used } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      layouts.push({
        id: box.id,
        placed: measured[i]!.placed,
        lineHeight: measured[i]!.lineHeight,
        fonts: used.map(({ familyName, isCustomFont, glyphCount }) => ({ familyName, isCustomFont, glyphCount })),
      });
    }
    return layouts;
  } finally {
    await cdp.detach();
  }
}

/**
 * The headline as HTML: text as text, and each word the card drew as a picture (an emoji) as the same picture, an
 * `<img>` one em square as satori draws it, tagged with the range of the headline it stands for.
 */
function boxContent(box: BrowserBox): string {
  let html = '';
  let at = 0;
  for (const word of box.words) {
    if (!word.image) continue;
    html += escapeText(box.text.slice(at, word.start));
    html += `<img data-start="${word.start}" data-end="${word.end}" alt="" src="${escapeAttribute(word.image)}" style="width: 1em; height: 1em">`;
    at = word.end;
  }
  return html + escapeText(box.text.slice(at));
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}
