import { randomBytes } from 'node:crypto';
import { PNG } from 'pngjs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { rgbOverBlack } from '../../src/cards/compose/pixels.js';
import { encodePng } from '../../src/cards/compose/png-encoder.js';
import { CARD_HEIGHT, CARD_WIDTH } from '../../src/cards/index.js';

/** A card-sized RGB picture with flat areas, gradients and noise, so every kind of run reaches zlib. */
function picture(width = CARD_WIDTH, height = CARD_HEIGHT): Buffer {
  const rgb = Buffer.alloc(width * height * 3);
  const noise = randomBytes(rgb.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      if (y < height / 3) rgb.set([0x12, 0x34, 0x56], i);
      else if (y < (2 * height) / 3) rgb.set([x % 256, y % 256, (x + y) % 256], i);
      else rgb.set(noise.subarray(i, i + 3), i);
    }
  }
  return rgb;
}

function chunkTypes(png: Buffer): string[] {
  const types: string[] = [];
  for (let at = 8; at < png.length; at += 12 + png.readUInt32BE(at)) types.push(png.toString('latin1', at + 4, at + 8));
  return types;
}

describe('PNG encoder (node:zlib)', () => {
  it('writes a PNG that two independent decoders read back pixel for pixel', async () => {
    const rgb = picture();
    const png = encodePng(rgb, CARD_WIDTH, CARD_HEIGHT);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(chunkTypes(png)).toEqual(['IHDR', 'IDAT', 'IEND']);

    // pngjs checks every chunk's CRC and the zlib stream's Adler-32 as it reads.
    const decoded = PNG.sync.read(png);
    expect([decoded.width, decoded.height]).toEqual([CARD_WIDTH, CARD_HEIGHT]);
    const fromPngjs = Buffer.alloc(rgb.length);
    const alphas = new Set<number>();
    for (let p = 0; p < CARD_WIDTH * CARD_HEIGHT; p++) {
      fromPngjs.set(decoded.data.subarray(p * 4, p * 4 + 3), p * 3);
      alphas.add(decoded.data[p * 4 + 3]!);
    }
    expect(fromPngjs.equals(rgb)).toBe(true);
    expect([...alphas]).toEqual([255]); // colour type 2: no alpha channel, every pixel opaque

    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([CARD_WIDTH, CARD_HEIGHT, 3]);
    expect(data.equals(rgb)).toBe(true);
  });

  it('encodes pictures of different sizes one after another, each to its own pixels (the row buffer is reused)', () => {
    const sizes = [
      [CARD_WIDTH, CARD_HEIGHT],
      [7, 3],
      [CARD_WIDTH, CARD_HEIGHT],
    ] as const;
    const pictures = sizes.map(([width, height]) => ({ width, height, rgb: picture(width, height) }));
    const encoded = pictures.map(({ width, height, rgb }) => encodePng(rgb, width, height));
    pictures.forEach(({ width, height, rgb }, index) => {
      const decoded = PNG.sync.read(encoded[index]!);
      expect([decoded.width, decoded.height]).toEqual([width, height]);
      const back = Buffer.alloc(rgb.length);
      for (let p = 0; p < width * height; p++) back.set(decoded.data.subarray(p * 4, p * 4 + 3), p * 3);
      expect(back.equals(rgb)).toBe(true);
    });
  });

  it('keeps a flat card small (zlib level 1, no row filters)', () => {
    const flat = Buffer.alloc(CARD_WIDTH * CARD_HEIGHT * 3, 0x40);
    expect(encodePng(flat, CARD_WIDTH, CARD_HEIGHT).length).toBeLessThan(20_000);
  });

  it('says what size of pixels it expected', () => {
    expect(() => encodePng(Buffer.alloc(10), 2, 2)).toThrow('expected 12 bytes of RGB for 2×2, got 10');
  });
});

describe('RGBA over black as RGB', () => {
  const rgba = randomBytes(CARD_WIDTH * CARD_HEIGHT * 4);
  const expected = Buffer.alloc(CARD_WIDTH * CARD_HEIGHT * 3);
  for (let p = 0; p < CARD_WIDTH * CARD_HEIGHT; p++) expected.set(rgba.subarray(p * 4, p * 4 + 3), p * 3);

  it('drops the alpha byte of every pixel (premultiplied colour over black)', () => {
    expect(rgbOverBlack(rgba).equals(expected)).toBe(true);
  });
});
