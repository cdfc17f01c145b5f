import { crc32, deflateSync } from 'node:zlib';

/**
 * A text card's RGB pixels as a PNG, compressed by Node's own zlib: the whole format a card needs is one IHDR, one
 * IDAT and an IEND (PNG, W3C Recommendation 3rd ed., §5 "Datastream structure", §11.2 "Critical chunks").
 *
 * Why not sharp's PNG encoder: a text card needs nothing else from sharp, and loading it (its JavaScript, libvips's
 * 18 MB library, libvips's start) was ~10 % of a cold `syndicard card`. On flat colour and anti-aliased text, zlib at
 * level 1 without row filters is as fast as sharp with the same settings (~2 ms for the seed card, measured
 * alternately in one process) and smaller (54 KB against 69 KB). On a photo it is 3× slower than sharp's zlib-ng, so
 * photo cards stay with sharp (compose-card.ts). Same pixels either way: every golden image holds.
 *
 * Filter type 0 (None) on every row: the adaptive filters cost several times the time on flat colour without making
 * the file smaller (measured with sharp, compose-card.ts).
 */
export function encodePng(rgb: Uint8Array, width: number, height: number): Buffer {
  const stride = width * 3;
  if (rgb.length !== stride * height) {
    throw new RangeError(`expected ${stride * height} bytes of RGB for ${width}×${height}, got ${rgb.length}`);
  }
  // Each scanline is its filter-type byte (0) and the row's bytes (§7.2 "Scanlines"): one copy per row, into a
  // buffer this process reuses (zlib has read it all when deflateSync returns). A new 2.3 MB buffer per card was
  // V8 external memory that, under a render worker's small heap limits, forced a full collection every few cards.
  const size = (stride + 1) * height;
  if (scratch.length < size) scratch = Buffer.allocUnsafeSlow(size);
  const scanlines = scratch.subarray(0, size);
  for (let y = 0, from = 0, to = 0; y < height; y++, from += stride, to += stride + 1) {
    scanlines[to] = 0;
    scanlines.set(rgb.subarray(from, from + stride), to + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type 2: truecolour, R G B
  // bytes 10–12 stay 0: compression method 0 (zlib), filter method 0, no interlace (§11.2.1 IHDR)
  const data = deflateSync(scanlines, { level: 1 });
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', data), chunk('IEND', EMPTY)]);
}

let scratch = Buffer.alloc(0);

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const EMPTY = Buffer.alloc(0);

/** Length, type, data, and the CRC-32 of type and data (§5.3 "Chunk layout"). */
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, crc]);
}
