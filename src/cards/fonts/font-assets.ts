import { readFile } from 'node:fs/promises';
import type { Font } from 'satori';
import { createEmojiSet } from './emoji.js';
import { type CjkLocale, type FallbackFont, type FontCatalog, fontFor, isTextSymbol } from './font-catalog.js';

/** satori's `loadAdditionalAsset` option: a data: URI for an emoji, fonts for text. */
type AssetLoader = (code: string, segment: string) => Promise<string | Font[]>;

export interface FontAssets {
  /** The loader for one card, choosing CJK forms by the card's region. */
  loaderFor(cjk: CjkLocale): AssetLoader;
  /** Fallback fonts handed to satori so far, by manifest name (for tests and the memory bench). */
  registered(): string[];
}

/**
 * Lazily loaded fallback fonts and emoji for one satori font array (one per render worker).
 *
 * satori keeps the fonts a loader returns registered on the font array's engine (it caches the engine by the array's
 * identity), and parses a font once per `data` Buffer: so each file is read once, each font handed over once, and
 * later cards with the same script cost nothing. A font registered with a `lang` other than the element's is used
 * to draw but not counted when satori checks what its fonts cover, so satori asks for it again on the next card:
 * that request gets an empty list instead of a second copy of the font.
 */
export function createFontAssets(catalog: FontCatalog): FontAssets {
  const files = new Map<string, Promise<Buffer>>();
  const handedOver = new Set<string>();
  const emoji = createEmojiSet(catalog.emojiDir);
  const symbols = catalog.fallbacks.filter((font) => font.lang === 'symbol');

  function read(path: string): Promise<Buffer> {
    let data = files.get(path);
    if (!data) {
      data = readFile(path);
      files.set(path, data);
      data.catch(() => files.delete(path));
    }
    return data;
  }

  async function fontsOf(wanted: FallbackFont[]): Promise<Font[]> {
    const loaded = await Promise.all(
      wanted.map(async (font) => ({ font, data: await Promise.all(font.faces.map((face) => read(face.path))) })),
    );
    // Checked after the reads, synchronously: of two requests for the same font in one render only one returns it.
    const fresh = loaded.filter(({ font }) => !handedOver.has(font.name));
    for (const { font } of fresh) handedOver.add(font.name);
    return fresh.flatMap(({ font, data }) =>
      font.faces.map((face, i) => ({
        name: font.family,
        data: data[i]!,
        weight: face.weight,
        style: 'normal' as const,
        lang: font.lang,
      })),
    );
  }

  return {
    loaderFor(cjk) {
      return async (code, segment) => {
        if (code === 'emoji') {
          if (isTextSymbol(segment)) return fontsOf(symbols);
          return (await emoji(segment)) ?? [];
        }
        return fontsOf(fontFor(catalog, code, cjk));
      };
    },
    registered: () => [...handedOver],
  };
}
