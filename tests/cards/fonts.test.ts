import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import satori from 'satori';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadFonts } from '../../src/cards/index.js';
import { FONTS_DIR } from './card-fixtures.js';

describe('loadFonts', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'syndicard-fonts-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads the bundled Noto Sans Regular and Bold with a stable hash', async () => {
    const first = await loadFonts(FONTS_DIR);
    const second = await loadFonts(FONTS_DIR);
    expect(first.fonts.map(({ name, weight, style }) => ({ name, weight, style }))).toEqual([
      { name: 'Noto Sans', weight: 400, style: 'normal' },
      { name: 'Noto Sans', weight: 700, style: 'normal' },
    ]);
    expect(first.files.map((file) => file.slice(FONTS_DIR.length + 1))).toEqual([
      'NotoSans-Regular.ttf',
      'NotoSans-Bold.ttf',
    ]);
    expect(first.hash).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(second.hash).toBe(first.hash);
  });

  it('names a missing font file and the manifest that lists it', async () => {
    await writeFile(
      join(dir, 'fonts.json'),
      JSON.stringify({ fonts: [{ file: 'Missing-Bold.ttf', family: 'Missing', weight: 700, style: 'normal' }] }),
    );
    await expect(loadFonts(dir)).rejects.toThrow(
      `font file ${join(dir, 'Missing-Bold.ttf')} listed in ${join(dir, 'fonts.json')} was not found`,
    );
    await expect(loadFonts(dir)).rejects.toMatchObject({ code: 'FONT_FILE_UNREADABLE' });
  });

  it('refuses a font collection, which satori cannot read', async () => {
    await writeFile(join(dir, 'Collection.ttf'), Buffer.from('ttcf\u0000\u0002\u0000\u0000', 'latin1'));
    await writeFile(
      join(dir, 'fonts.json'),
      JSON.stringify({ fonts: [{ file: 'Collection.ttf', family: 'C', weight: 400, style: 'normal' }] }),
    );
    await expect(loadFonts(dir)).rejects.toThrow(
      /Collection\.ttf listed in .*fonts\.json is a font collection \(\.ttc\)/,
    );
  });

  it('reports every manifest problem with its path', async () => {
    await copyFile(join(FONTS_DIR, 'NotoSans-Regular.ttf'), join(dir, 'NotoSans-Regular.ttf'));
    await writeFile(
      join(dir, 'fonts.json'),
      JSON.stringify({ fonts: [{ file: 'NotoSans-Regular.ttf', family: 'Noto Sans', weight: 450, style: 'oblique' }] }),
    );
    await expect(loadFonts(dir)).rejects.toThrow(/fonts\.0\.weight: must be 100, 200, … 900; fonts\.0\.style/);
  });
});

describe('glyph coverage of the bundled fonts', () => {
  /** The outline satori draws for one character in Noto Sans Bold (text as paths, as on a card). */
  async function outline(fonts: Awaited<ReturnType<typeof loadFonts>>['fonts'], char: string): Promise<string> {
    const svg = await satori(
      {
        type: 'div',
        props: { style: { display: 'flex', fontFamily: 'Noto Sans', fontWeight: 700, fontSize: 40 }, children: char },
      },
      { width: 100, height: 60, fonts },
    );
    return [...svg.matchAll(/<path[^>]*\sd="([^"]*)"/g)].map((match) => match[1]).join(' ');
  }

  it('draws curly quotes, ellipsis, dashes, extended Latin, Greek and Cyrillic as real glyphs, not .notdef boxes', async () => {
    const { fonts } = await loadFonts(FONTS_DIR);
    // U+E000 (private use) is not in Noto Sans: what it draws is the .notdef box.
    const notdef = await outline(fonts, '\uE000');
    expect(notdef).not.toBe('');
    const chars = [...'‘’“”…–—ŁłŐőŞşĞğÆæØøÅåßÑñĈĉŽžΑΩαωΔλπΣШщЖжЯяЁёЇїҐґ€£'];
    const missing: string[] = [];
    for (const char of chars) {
      const drawn = await outline(fonts, char);
      if (drawn === '' || drawn === notdef) missing.push(char);
    }
    expect(missing).toEqual([]);
    // The check itself can fail: Noto Sans has no CJK, so 中 comes out as .notdef (or nothing).
    const cjk = await outline(fonts, '中');
    expect(cjk === '' || cjk === notdef).toBe(true);
  });
});
