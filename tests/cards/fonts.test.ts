import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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

  it('lists every fallback font and the emoji set, by path, without loading them', async () => {
    const { catalog, fonts } = await loadFonts(FONTS_DIR);
    expect(fonts).toHaveLength(2);
    expect(catalog.fallbacks.map((font) => font.name)).toEqual([
      'arabic',
      'hebrew',
      'devanagari',
      'bengali',
      'tamil',
      'thai',
      'chinese-simplified',
      'chinese-traditional',
      'chinese-hong-kong',
      'japanese',
      'korean',
      'symbols',
      'symbols-2',
    ]);
    for (const face of catalog.fallbacks.flatMap((font) => font.faces)) {
      expect(face.path.startsWith('/')).toBe(true);
      expect(face.bytes).toBeGreaterThan(10_000);
      // Each committed or installed file stays small (nothing over a few MB in the repository).
      expect(face.bytes).toBeLessThan(5.5 * 1_048_576);
    }
    expect(catalog.emojiDir).toMatch(/@twemoji\/svg$/);
  });

  it('hashes the fallback fonts: a changed fallback file changes every card version', async () => {
    await copyFile(join(FONTS_DIR, 'NotoSans-Regular.ttf'), join(dir, 'NotoSans-Regular.ttf'));
    await copyFile(join(FONTS_DIR, 'NotoSans-Bold.ttf'), join(dir, 'Fallback.ttf'));
    const manifest = {
      fonts: [{ file: 'NotoSans-Regular.ttf', family: 'Noto Sans', weight: 400, style: 'normal' }],
      fallbacks: [
        {
          name: 'test',
          family: 'Fallback',
          lang: 'he-IL',
          license: 'OFL.txt',
          faces: [{ file: 'Fallback.ttf', weight: 700 }],
        },
      ],
    };
    await writeFile(join(dir, 'fonts.json'), JSON.stringify(manifest));
    const before = await loadFonts(dir);
    expect(before.catalog.fallbacks[0]).toMatchObject({ name: 'test', lang: 'he-IL', also: [] });
    const bytes = await readFile(join(dir, 'Fallback.ttf'));
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
    await writeFile(join(dir, 'Fallback.ttf'), bytes);
    expect((await loadFonts(dir)).hash).not.toBe(before.hash);
  });

  it('names a fallback font that npm install did not bring, and the fix', async () => {
    await copyFile(join(FONTS_DIR, 'NotoSans-Regular.ttf'), join(dir, 'NotoSans-Regular.ttf'));
    const manifest = {
      fonts: [{ file: 'NotoSans-Regular.ttf', family: 'Noto Sans', weight: 400, style: 'normal' }],
      fallbacks: [
        {
          name: 'x',
          family: 'X',
          lang: 'th-TH',
          license: 'npm:@example/no-such-font/OFL.txt',
          faces: [{ file: 'npm:@example/no-such-font/X.ttf', weight: 400 }],
        },
      ],
    };
    await writeFile(join(dir, 'fonts.json'), JSON.stringify(manifest));
    await expect(loadFonts(dir)).rejects.toThrow(
      /node_modules\/@example\/no-such-font\/X\.ttf listed in .* was not found \(run npm install\)/,
    );
  });

  it('refuses a fallback lang satori would throw on', async () => {
    await copyFile(join(FONTS_DIR, 'NotoSans-Regular.ttf'), join(dir, 'NotoSans-Regular.ttf'));
    const manifest = {
      fonts: [{ file: 'NotoSans-Regular.ttf', family: 'Noto Sans', weight: 400, style: 'normal' }],
      fallbacks: [{ name: 'x', family: 'X', lang: 'ja', license: 'x', faces: [{ file: 'X.ttf', weight: 400 }] }],
    };
    await writeFile(join(dir, 'fonts.json'), JSON.stringify(manifest));
    await expect(loadFonts(dir)).rejects.toThrow(/fallbacks\.0\.lang/);
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
