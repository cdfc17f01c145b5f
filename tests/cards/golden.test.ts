import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CardFormat, type CardService, type CardSpec, createCardService } from '../../src/cards/index.js';
import { compareWithGolden, diffRatio, MAX_DIFF_RATIO, toGoldenPng } from '../helpers/golden-image.js';
import { FONTS_DIR, LONG_HEADLINE, makeLoader, makeLog, makeSpec, PORTRAIT_URL } from './card-fixtures.js';

const GOLDEN_DIR = fileURLToPath(new URL('./__golden__/', import.meta.url));

const LIMITS: Record<string, number> = { 'photo:jpeg': 300 * 1024, 'plain:png': 150 * 1024, 'plain:jpeg': 150 * 1024 };

const cases: { name: string; spec: () => CardSpec; template: 'photo' | 'plain' }[] = [
  { name: 'seed-photo', spec: () => makeSpec(), template: 'photo' },
  { name: 'long-headline-photo', spec: () => makeSpec({ headline: LONG_HEADLINE }), template: 'photo' },
  { name: 'one-word-photo', spec: () => makeSpec({ headline: 'Breaking' }), template: 'photo' },
  {
    name: 'no-photo-plain',
    spec: () => makeSpec({ template: 'plain', photoUrl: undefined, credit: undefined }),
    template: 'plain',
  },
  {
    name: 'portrait-photo',
    spec: () => makeSpec({ photoUrl: PORTRAIT_URL, credit: 'Credit: Jane Doe/Agency', section: 'Showbiz' }),
    template: 'photo',
  },
];

describe('card images', () => {
  let service: CardService;
  beforeAll(async () => {
    service = await createCardService({
      fontsDir: FONTS_DIR,
      imageLoader: makeLoader(),
      cacheMaxBytes: 64 * 1_048_576,
      workers: 2,
      log: makeLog(),
    });
  });
  afterAll(async () => {
    await service?.close();
  });

  for (const { name, spec, template } of cases) {
    for (const format of ['png', 'jpeg'] as CardFormat[]) {
      it(`${name} (${format}): 1200×630 ${format}, within its size limit`, async () => {
        const card = await service.render(spec(), format);
        expect(card.template).toBe(template);
        const meta = await sharp(card.bytes).metadata();
        expect({ width: meta.width, height: meta.height, format: meta.format }).toEqual({
          width: 1200,
          height: 630,
          format,
        });
        const magic = format === 'png' ? '89504e470d0a1a0a' : 'ffd8ff';
        expect(card.bytes.subarray(0, magic.length / 2).toString('hex')).toBe(magic);
        expect(card.contentType).toBe(`image/${format}`);
        expect(card.bytes.length).toBeLessThan(5 * 1_048_576);
        const limit = LIMITS[`${template}:${format}`];
        if (limit) expect(card.bytes.length).toBeLessThan(limit);
      });
    }

    it(`${name} matches its golden image`, async () => {
      const card = await service.render(spec(), template === 'photo' ? 'jpeg' : 'png');
      const actual = await toGoldenPng(card.bytes);
      expect(compareWithGolden(join(GOLDEN_DIR, `${name}.png`), actual)).toBeLessThanOrEqual(MAX_DIFF_RATIO);
    });
  }

  it('a changed headline does not match the seed golden (the comparison can fail)', async () => {
    const card = await service.render(makeSpec({ headline: 'Something else entirely happened today' }), 'jpeg');
    const actual = await toGoldenPng(card.bytes);
    const golden = PNG.sync.read(readFileSync(join(GOLDEN_DIR, 'seed-photo.png')));
    expect(diffRatio(golden, actual)).toBeGreaterThan(MAX_DIFF_RATIO);
  });
});
