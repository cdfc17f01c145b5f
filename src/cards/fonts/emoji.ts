import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Colour emoji as pictures from a bundled Twemoji SVG set (graphics CC-BY 4.0, credited in fonts/README.md).
 * Twemoji names a file by the code points in lower-case hex (unpadded) joined by `-`, without U+FE0F unless the sequence has a
 * ZWJ (twemoji's own `toCodePoint`/`grabTheRightIcon`): `2764.svg`, `23-20e3.svg`, `1f468-200d-1f469-200d-1f467.svg`,
 * `1f1fa-1f1f8.svg`, `1f44d-1f3fd.svg`.
 */

const ZWJ = 0x200d;
const VS16 = 0xfe0f;
const SKIN_TONES = new Set([0x1f3fb, 0x1f3fc, 0x1f3fd, 0x1f3fe, 0x1f3ff]);

const hex = (points: number[]) => points.map((point) => point.toString(16)).join('-');

/**
 * The file names to try for one grapheme, best first: the sequence as written, without U+FE0F, then (for a
 * sequence newer than the set) the sequence without its skin tones, and finally its first component: an unknown ZWJ
 * sequence degrades to the first emoji in it, as a system without that sequence shows it.
 */
export function emojiFileNames(grapheme: string): string[] {
  const points = [...grapheme].map((char) => char.codePointAt(0)!);
  const plain = points.filter((point) => point !== VS16);
  const untoned = plain.filter((point) => !SKIN_TONES.has(point));
  const zwj = points.indexOf(ZWJ);
  const first = zwj < 0 ? [] : points.slice(0, zwj);
  const candidates = [points, plain, untoned, first, first.filter((point) => point !== VS16)];
  return [...new Set(candidates.filter((list) => list.length > 0).map((list) => `${hex(list)}.svg`))];
}

/** Reads emoji pictures from a directory as data: URIs for satori's `graphemeImages`, memoised per grapheme. */
export function createEmojiSet(dir: string | undefined): (grapheme: string) => Promise<string | undefined> {
  const memo = new Map<string, Promise<string | undefined>>();
  async function find(grapheme: string): Promise<string | undefined> {
    if (!dir) return undefined;
    for (const name of emojiFileNames(grapheme)) {
      const svg = await readFile(join(dir, name)).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw error;
      });
      if (svg) return `data:image/svg+xml;base64,${svg.toString('base64')}`;
    }
    return undefined;
  }
  return (grapheme) => {
    let found = memo.get(grapheme);
    if (!found) {
      found = find(grapheme);
      memo.set(grapheme, found);
      // A failed read is not remembered: the next card asks again.
      found.catch(() => memo.delete(grapheme));
    }
    return found;
  };
}
